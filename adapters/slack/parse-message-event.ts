import { z } from 'zod';
import type { PlaceAudience } from '../../core/domain/conversation-place';
import type { MessageSource } from '../../core/domain/query-message';
import type { SlackFileRef, SlackUserRef, Unsupported } from './inbound';
import { plainTextOf } from './message-text';
import { firstIssue, unsupported } from './parse-common';

/** Who the app is, and where its support threads are: what decides whether a message is the desk's. */
export interface MessageContext {
  /** The app's bot user (auth.test's user_id): its own messages are never heard. */
  botUserId: string | undefined;
  /** The app's bot id (auth.test's bot_id). */
  botId: string | undefined;
  supportChannels: readonly string[];
}

/** A person's new message in a support thread or in their DM with the app. */
export interface MessageIn {
  kind: 'message';
  user: SlackUserRef;
  where: PlaceAudience;
  source: MessageSource;
  /** The thread's root ts; null for a top-level DM. */
  threadRootId: string | null;
  text: string;
  files: SlackFileRef[];
  at: Date;
}

export interface EditIn {
  kind: 'edit';
  user: SlackUserRef;
  source: MessageSource;
  /** The thread the message is in (null: top-level), where an answer to the writer goes. */
  threadRootId: string | null;
  text: string;
  at: Date;
}

export interface DeleteIn {
  kind: 'delete';
  user: SlackUserRef;
  source: MessageSource;
  threadRootId: string | null;
  at: Date;
}

/** A message event that is not the desk's: the app's own, a channel join, a top-level support-channel message. */
export interface Ignored {
  kind: 'ignored';
  reason: string;
}

export type MessageEventIn = MessageIn | EditIn | DeleteIn | Ignored | Unsupported;

/** Slack's message ts: seconds, a dot, a sequence ("1355517523.000005"). */
const slackTs = z.string().regex(/^\d{1,12}\.\d{1,9}$/, 'not a message ts');

const file = z.object({
  id: z.string().min(1),
  name: z.string().nullable().optional(),
  mimetype: z.string().optional(),
  size: z.number().nonnegative().optional(),
  url_private_download: z.string().url().optional(),
  url_private: z.string().url().optional(),
});

// A message as Slack describes it in message events (docs.slack.dev/reference/events/message).
const message = z.object({
  subtype: z.string().optional(),
  user: z.string().min(1).optional(),
  bot_id: z.string().nullable().optional(),
  text: z.string().default(''),
  ts: slackTs,
  thread_ts: slackTs.optional(),
  team: z.string().optional(),
  user_team: z.string().optional(),
  files: z.array(file).optional(),
  edited: z.object({ ts: slackTs }).optional(),
});

const event = message.extend({
  type: z.literal('message'),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  message: message.optional(),
  previous_message: message.optional(),
  deleted_ts: slackTs.optional(),
});

const envelope = z.object({ team_id: z.string().min(1).optional(), event });

/** Subtypes of a person's message; every other subtype (channel_join, bot_message, ...) is not a conversation message. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/**
 * An Events API `message` event (message.channels, message.groups, message.im) into what the desk hears: a
 * reply in a support-channel thread (staff) or a DM with the app (client), an edit (message_changed) or a
 * deletion (message_deleted) of one; everything else is ignored, the app's own messages first.
 */
export function parseMessageEvent(body: unknown, ctx: MessageContext): MessageEventIn {
  const r = envelope.safeParse(body);
  if (!r.success) return unsupported(`message event: ${firstIssue(r.error)}`);
  const e = r.data.event;
  const where = placeOf(e.channel, e.channel_type, ctx);
  if (!where) return ignored(`channel ${e.channel} is neither a support channel nor a DM`);
  const team = (m: z.infer<typeof message>) => m.user_team ?? m.team ?? r.data.team_id;
  const source = (ts: string): MessageSource => ({ platform: 'slack', channelId: e.channel, messageId: ts });

  if (e.subtype === 'message_changed') {
    const m = e.message;
    if (!m) return unsupported('message event: message_changed without a message');
    const person = personOf(m, ctx, team(m));
    if (typeof person === 'string') return ignored(person);
    if (!inConversation(where, m)) return ignored('an edit outside a support thread');
    if (e.previous_message && e.previous_message.text === m.text) return ignored('the text did not change');
    return {
      kind: 'edit',
      user: person,
      source: source(m.ts),
      threadRootId: rootOf(m),
      text: plainTextOf(m.text),
      at: dateOf(m.edited?.ts ?? e.ts),
    };
  }
  if (e.subtype === 'message_deleted') {
    const m = e.previous_message;
    if (!m || !e.deleted_ts) return ignored('a deletion without the message deleted');
    const person = personOf(m, ctx, team(m));
    if (typeof person === 'string') return ignored(person);
    if (!inConversation(where, m)) return ignored('a deletion outside a support thread');
    return { kind: 'delete', user: person, source: source(e.deleted_ts), threadRootId: rootOf(m), at: dateOf(e.ts) };
  }
  if (!PERSON_SUBTYPES.has(e.subtype)) return ignored(`subtype ${e.subtype}`);
  const person = personOf(e, ctx, team(e));
  if (typeof person === 'string') return ignored(person);
  if (!inConversation(where, e)) return ignored('a top-level message in the support channel');
  return {
    kind: 'message',
    user: person,
    where,
    source: source(e.ts),
    threadRootId: rootOf(e),
    text: plainTextOf(e.text),
    files: (e.files ?? []).flatMap((f) => {
      const url = f.url_private_download ?? f.url_private;
      return url ? [{ id: f.id, name: f.name || 'file', mimetype: f.mimetype ?? '', size: f.size ?? null, url }] : [];
    }),
    at: dateOf(e.ts),
  };
}

function placeOf(channel: string, type: string | undefined, ctx: MessageContext): PlaceAudience | null {
  if (type === 'im') return 'client';
  if ((type === 'channel' || type === 'group' || type === undefined) && ctx.supportChannels.includes(channel))
    return 'staff';
  return null;
}

/** The root of the thread a message is a reply in; null for a top-level message (a root is its own thread_ts). */
function rootOf(m: { ts: string; thread_ts?: string | undefined }): string | null {
  return m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : null;
}

/** A support channel's messages count only inside a thread (under a card); every DM message counts. */
function inConversation(where: PlaceAudience, m: { ts: string; thread_ts?: string | undefined }): boolean {
  return where === 'client' || rootOf(m) !== null;
}

/** The person who wrote it, or why it is not a person's message (the app's own, another bot's). */
function personOf(
  m: { user?: string | undefined; bot_id?: string | null | undefined },
  ctx: MessageContext,
  teamId: string | undefined,
): SlackUserRef | string {
  if (m.bot_id) return m.bot_id === ctx.botId ? "the app's own message" : 'a bot message';
  if (!m.user) return 'a message without an author';
  if (m.user === ctx.botUserId) return "the app's own message";
  if (!teamId) return 'a message without a team';
  return { teamId, userId: m.user };
}

const ignored = (reason: string): Ignored => ({ kind: 'ignored', reason });

/** A Slack ts (seconds.micro) as a date, to the millisecond. */
function dateOf(ts: string): Date {
  return new Date(Math.floor(Number(ts) * 1000));
}
