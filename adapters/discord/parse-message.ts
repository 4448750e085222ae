import { z } from 'zod';
import type { AttachmentRef, DiscordUserRef } from './inbound';

/** A message a person wrote, as a MESSAGE_CREATE or MESSAGE_UPDATE dispatch carries it. */
export interface ChatMessage {
  id: string;
  channelId: string;
  /** null in a DM with the bot. */
  guildId: string | null;
  author: DiscordUserRef;
  text: string;
  attachments: AttachmentRef[];
  /** The message this one replies to (message_reference of a reply). */
  repliesTo: string | null;
  /** When it was written, or edited for an edit. */
  at: Date;
}

/** Message dispatches, parsed once at the edge; anything the desk does not hear is `ignored` with why. */
export type MessageEvent =
  | { kind: 'created'; message: ChatMessage }
  | { kind: 'edited'; message: ChatMessage }
  | { kind: 'deleted'; channelId: string; guildId: string | null; messageIds: string[] }
  | { kind: 'ignored'; reason: string };

// The fields read, with the types discord.com/developers/docs/resources/message#message-object promises.
const snowflake = z.string().regex(/^\d{1,20}$/, 'not a snowflake');
/** ISO 8601, as Discord sends it; a time that does not parse would be stored as no time at all. */
const isoTime = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'not a timestamp');
const attachment = z.object({
  id: snowflake,
  filename: z.string(),
  size: z.number().nonnegative(),
  content_type: z.string().nullable().optional(),
  url: z.string(),
});
const message = z.object({
  id: snowflake,
  channel_id: snowflake,
  guild_id: snowflake.nullable().optional(),
  type: z.number().int(),
  author: z.object({
    id: snowflake,
    username: z.string(),
    global_name: z.string().nullable().optional(),
    bot: z.boolean().optional(),
    system: z.boolean().optional(),
  }),
  content: z.string(),
  attachments: z.array(attachment).default([]),
  timestamp: isoTime,
  edited_timestamp: isoTime.nullable().optional(),
  webhook_id: snowflake.nullable().optional(),
  message_reference: z.object({ message_id: snowflake.optional(), type: z.number().int().optional() }).optional(),
});
const deletion = z.object({ id: snowflake, channel_id: snowflake, guild_id: snowflake.nullable().optional() });
const bulkDeletion = z.object({
  ids: z.array(snowflake),
  channel_id: snowflake,
  guild_id: snowflake.nullable().optional(),
});

/** Message types a person writes: DEFAULT and REPLY; the rest are system notices (pins, thread starts, joins). */
const WRITTEN = new Set([0, 19]);
/** message_reference type DEFAULT (a reply); 1 is a forward, which quotes rather than answers. */
const REPLY_REFERENCE = 0;

/**
 * MESSAGE_CREATE / MESSAGE_UPDATE / MESSAGE_DELETE / MESSAGE_DELETE_BULK, as the raw dispatch has them. Messages by
 * this bot, other bots, webhooks and Discord itself, and system notices, are ignored; so is an update that is not an
 * edit of the text (an embed unfolding under a link: no edited_timestamp, or no content at all).
 */
export function parseMessageEvent(t: string, d: unknown, botUserId: string): MessageEvent {
  switch (t) {
    case 'MESSAGE_CREATE':
    case 'MESSAGE_UPDATE': {
      const p = message.safeParse(d);
      if (!p.success) return ignored(`${t} of an unexpected shape (${p.error.issues[0]?.path.join('.') ?? '?'})`);
      const m = p.data;
      if (m.author.id === botUserId) return ignored('written by this bot');
      if (m.author.bot || m.author.system || m.webhook_id) return ignored('written by a bot or a webhook');
      if (!WRITTEN.has(m.type)) return ignored(`a system message (type ${m.type})`);
      if (t === 'MESSAGE_UPDATE' && !m.edited_timestamp) return ignored('an update that is not an edit');
      const ref = m.message_reference;
      return {
        kind: t === 'MESSAGE_CREATE' ? 'created' : 'edited',
        message: {
          id: m.id,
          channelId: m.channel_id,
          guildId: m.guild_id ?? null,
          author: { userId: m.author.id, username: m.author.global_name ?? m.author.username },
          text: m.content,
          attachments: m.attachments.map((a) => ({
            id: a.id,
            filename: a.filename,
            size: a.size,
            contentType: a.content_type ?? null,
            url: a.url,
          })),
          repliesTo: ref?.message_id && (ref.type ?? REPLY_REFERENCE) === REPLY_REFERENCE ? ref.message_id : null,
          at: new Date(t === 'MESSAGE_UPDATE' && m.edited_timestamp ? m.edited_timestamp : m.timestamp),
        },
      };
    }
    case 'MESSAGE_DELETE':
    case 'MESSAGE_DELETE_BULK': {
      const p = (t === 'MESSAGE_DELETE' ? deletion : bulkDeletion).safeParse(d);
      if (!p.success) return ignored(`${t} of an unexpected shape`);
      const messageIds = 'ids' in p.data ? p.data.ids : [p.data.id];
      return { kind: 'deleted', channelId: p.data.channel_id, guildId: p.data.guild_id ?? null, messageIds };
    }
    default:
      return ignored(`not a message event (${t})`);
  }
}

const ignored = (reason: string): MessageEvent => ({ kind: 'ignored', reason });
