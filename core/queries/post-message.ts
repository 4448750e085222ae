import { authorize } from '../authz/policy';
import { surfaceOf, commandHint } from '../conversation/surface';
import type { DeskDeps } from '../desk/desk-deps';
import type { Actor } from '../domain/actor';
import type { QueryPatch, QueryRecord } from '../domain/query';
import type { MessageSource, MessageVisibility, QueryMessage } from '../domain/query-message';
import { isStaff } from '../domain/roles';
import { ConversationClosed, ValidationFailed } from '../errors';
import { announceCommitted, recordIntents } from '../notifications/announce';
import { intentsForMessage } from '../notifications/intents-for';
import { DESCRIPTION_MAX } from '../schemas/query-input';
import { checkedMessageFile, type MessageFileInput } from './checked-message-file';
import type { CheckedScreenshot } from './checked-screenshot';
import { loadQuery } from './load-query';

/** Files one message may carry: enough for a few screenshots and a log, few enough to check in one go. */
export const MAX_MESSAGE_FILES = 10;
const DAY_MS = 86_400_000;

export interface NewMessageInput {
  queryId: number;
  text: string;
  visibility: MessageVisibility;
  files?: readonly MessageFileInput[];
  /** The platform message it was written as; null for a command or a form. */
  source?: MessageSource | null;
}

export interface PostedMessage {
  message: QueryMessage;
  /** The query as read before the message. */
  query: QueryRecord;
  /** False when the source was stored before (a retried platform event): nothing was done again. */
  created: boolean;
  /** A client wrote on a closed query still within its reopen window: the answer offers Reopen. */
  offerReopen: boolean;
}

/**
 * The one use case that stores a conversation message, whichever way it came in (a command, a form, a thread
 * or DM message). It authorizes (a client only on their own queries and only in public; staff in public or
 * internally; nobody once the query has been closed longer than the reopen window), checks the text and the
 * files, then writes the message, its files, the query's clocks, its event and its deliveries in one transaction.
 */
export async function postMessage(deps: DeskDeps, actor: Actor, input: NewMessageInput): Promise<PostedMessage> {
  const text = input.text.trim();
  const files = input.files ?? [];
  if (!text && files.length === 0) throw ValidationFailed.field('text', 'write something, or attach a file');
  if (Array.from(text).length > DESCRIPTION_MAX)
    throw ValidationFailed.field('text', `a message must be at most ${DESCRIPTION_MAX} characters`);
  if (files.length > MAX_MESSAGE_FILES)
    throw ValidationFailed.field('file', `at most ${MAX_MESSAGE_FILES} files go with one message`);
  const query = await loadQuery(deps.store, input.queryId);
  authorize(actor, input.visibility === 'public' ? 'query.reply' : 'query.note', query);
  const now = deps.clock.now();
  const days = deps.config.reopenWindowDays;
  if (query.status === 'Closed' && query.closedAt && now.getTime() - query.closedAt.getTime() > days * DAY_MS)
    throw new ConversationClosed(query.id, days, raiseHint(actor));
  const offerReopen = query.status === 'Closed' && actor.role === 'client';
  if (input.source) {
    const stored = await deps.store.messages.findBySource(input.source);
    if (stored) return { message: stored, query, created: false, offerReopen };
  }
  const checked: CheckedScreenshot[] = [];
  for (const f of files) checked.push(await checkedMessageFile(f, deps.config.maxMessageFileBytes, deps.images));
  const posted = await deps.store.transaction(async (tx) => {
    const { message, created } = await tx.messages.append({
      queryId: query.id,
      authorId: actor.userId,
      authorRole: actor.role,
      visibility: input.visibility,
      text,
      source: input.source ?? null,
      createdAt: now,
    });
    if (!created) return { message, created };
    for (const f of checked)
      message.attachments.push(await tx.messages.attach(message.id, { ...f, queryId: query.id, createdAt: now }));
    const patch = clockPatch(actor, input.visibility, query, now);
    if (patch) await tx.queries.updateIf(query.id, { status: ['Open', 'In Progress', 'Closed'] }, patch, now);
    await tx.events.append({
      queryId: query.id,
      actorId: actor.userId,
      type: 'message',
      fromStatus: null,
      toStatus: null,
      platform: actor.platform,
      detail: { messageId: message.id, seq: message.seq, visibility: input.visibility },
      createdAt: now,
    });
    await recordIntents(deps, tx, intentsForMessage(query, patch?.resumeAt !== undefined), now);
    return { message, created };
  });
  if (posted.created) announceCommitted(deps);
  return { ...posted, query, offerReopen };
}

/**
 * What a message changes on its query: the first public staff message stops the first-response clock (if the
 * claim did not already) and starts the first-reply figure; the client's message ends a wait on them.
 */
function clockPatch(actor: Actor, visibility: MessageVisibility, q: QueryRecord, now: Date): QueryPatch | null {
  if (isStaff(actor.role) && visibility === 'public' && q.firstReplyMs === null)
    return { firstResponseAt: now, firstReplyAt: now };
  if (actor.role === 'client' && q.waitingSince !== null) return { resumeAt: now };
  return null;
}

/** How the writer raises a new query, in the syntax of the surface they write on. */
function raiseHint(actor: Actor): string {
  return actor.role === 'client'
    ? `raise a new query with ${commandHint(surfaceOf(actor.platform), 'new')}`
    : 'the client can raise a new query';
}
