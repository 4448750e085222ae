import { APP_ID, type Json } from './discord-ids';

/** Gateway intent bits (discord.com/developers/docs/events/gateway#gateway-intents). */
export const INTENT = {
  guilds: 1 << 0,
  guildMessages: 1 << 9,
  directMessages: 1 << 12,
  /** Privileged: an app must switch it on in the developer portal, or IDENTIFY is closed with 4014. */
  messageContent: 1 << 15,
} as const;

const MESSAGE_EVENTS = new Set(['MESSAGE_CREATE', 'MESSAGE_UPDATE', 'MESSAGE_DELETE', 'MESSAGE_DELETE_BULK']);
const GUILD_EVENTS = new Set(['GUILD_CREATE', 'THREAD_CREATE', 'THREAD_UPDATE', 'THREAD_DELETE', 'CHANNEL_CREATE']);

/** Whether a session identified with `intents` is sent this dispatch (interactions need no intent). */
export function receives(intents: number, t: string, d: Json): boolean {
  if (MESSAGE_EVENTS.has(t)) return (intents & (d.guild_id ? INTENT.guildMessages : INTENT.directMessages)) !== 0;
  if (GUILD_EVENTS.has(t)) return (intents & INTENT.guilds) !== 0;
  return true;
}

/**
 * A message as a session without the Message Content intent sees it: content, embeds, attachments, components and
 * poll emptied, except in DMs, in the app's own messages and in messages that mention the app.
 */
export function asSeenWith(intents: number, t: string, d: Json): Json {
  if (!MESSAGE_EVENTS.has(t) || (intents & INTENT.messageContent) !== 0 || !d.guild_id || !('content' in d)) return d;
  const author = d.author as Json | undefined;
  const mentioned = ((d.mentions as Json[] | undefined) ?? []).some((u) => u.id === APP_ID);
  if (author?.id === APP_ID || mentioned) return d;
  const { poll: _poll, ...rest } = d;
  return { ...rest, content: '', embeds: [], attachments: [], components: [] };
}
