import { Client, GatewayIntentBits, type RESTOptions } from 'discord.js';
import { NO_MENTIONS } from './discord-message';
import { rejectPersistentRateLimits } from './rate-limit';

export interface DiscordClientOptions {
  /** REST base URL override (DISCORD_API_URL): a proxy, or a fake in tests; the gateway URL then comes from its /gateway/bot. */
  apiUrl?: string;
  /** REST tuning (retries, timeout); tests shorten them. */
  rest?: Partial<Pick<RESTOptions, 'retries' | 'timeout' | 'offset' | 'rejectOnRateLimit'>>;
}

/**
 * The discord.js client: the Guilds intent only (interactions need no privileged intent, and no message
 * content is read), no mention ever parsed from text the bot sends, and as many shards as Discord
 * recommends for the bot's size (fetched from /gateway/bot at login).
 */
export function createDiscordClient(o: DiscordClientOptions = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    shards: 'auto',
    allowedMentions: NO_MENTIONS,
    rest: { rejectOnRateLimit: rejectPersistentRateLimits(), ...(o.apiUrl ? { api: o.apiUrl } : {}), ...o.rest },
  });
}
