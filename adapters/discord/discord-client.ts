import { Client, GatewayIntentBits, type REST, type RESTOptions } from 'discord.js';
import { bytesRequest } from './bytes-request';
import { NO_MENTIONS } from './discord-message';
import { rejectPersistentRateLimits } from './rate-limit';

export interface DiscordClientOptions {
  /** REST base URL override (DISCORD_API_URL): a proxy, or a fake in tests; the gateway URL then comes from its /gateway/bot. */
  apiUrl?: string;
  /** REST tuning (retries, timeout); tests shorten them. */
  rest?: Partial<Pick<RESTOptions, 'retries' | 'timeout' | 'offset' | 'rejectOnRateLimit'>>;
  /**
   * Whether to ask for the privileged Message Content intent (true unless Discord refused it): without it, messages
   * in server channels arrive with no text; DMs with the bot keep theirs.
   */
  messageContent?: boolean;
}

/**
 * The gateway intents: Guilds (servers and their threads), GuildMessages and DirectMessages (messages in support
 * threads and DMs with the bot, relayed to a query's conversation) and, when allowed, MessageContent (their text
 * in server channels). Interactions need none.
 */
export function discordIntents(messageContent: boolean): GatewayIntentBits[] {
  return [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
    ...(messageContent ? [GatewayIntentBits.MessageContent] : []),
  ];
}

/**
 * The discord.js client: the intents above, no mention ever parsed from text the bot sends, and as many shards
 * as Discord recommends for the bot's size (fetched from /gateway/bot at login).
 */
export function createDiscordClient(o: DiscordClientOptions = {}): Client {
  return new Client({
    intents: discordIntents(o.messageContent ?? true),
    shards: 'auto',
    allowedMentions: NO_MENTIONS,
    rest: {
      rejectOnRateLimit: rejectPersistentRateLimits(),
      makeRequest: bytesRequest,
      ...(o.apiUrl ? { api: o.apiUrl } : {}),
      ...o.rest,
    },
  });
}

export type RestCalls = Pick<REST, 'get' | 'post' | 'patch' | 'delete'>;

/** REST calls through whichever client is current (a client is replaced when Discord refuses an intent). */
export function currentRest(client: () => Client): RestCalls {
  return {
    get: (route, options) => client().rest.get(route, options),
    post: (route, options) => client().rest.post(route, options),
    patch: (route, options) => client().rest.patch(route, options),
    delete: (route, options) => client().rest.delete(route, options),
  };
}
