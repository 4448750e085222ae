import { randomUUID } from 'node:crypto';
import type { DeskDeps } from '../desk/desk-deps';
import type { ConversationPlace } from '../domain/conversation-place';
import type { QueryRecord } from '../domain/query';
import type { QueryMessage } from '../domain/query-message';
import type { ConversationNotifier } from '../ports/conversation-notifier';
import { RetryLater } from '../ports/job-queue';
import { authorNames, copyFilesOf, copyViewOf } from './message-copy-views';

/** How long a place's claim lasts without progress before another worker may take it (a holder that died). */
export const RELAY_LEASE_MS = 60_000;
/** How long a job that found a place busy waits before it looks again: the holder is usually done by then. */
const BUSY_RETRY_MS = 500;

/**
 * Delivers every message of a query's conversation that a place has not got yet, place by place, in seq order,
 * each exactly once: the place's cursor is claimed across processes before any platform call, advanced after
 * each copy, and released at the end. A place held by another worker is left to it, and this job retries
 * (RetryLater) so that what was committed after that worker read the messages is delivered too.
 */
export async function deliverConversation(
  deps: DeskDeps,
  notifier: ConversationNotifier,
  queryId: number,
): Promise<void> {
  const q = await deps.store.queries.findById(queryId);
  if (!q) return;
  const { places, failure } = notifier.settledPlaces
    ? await notifier.settledPlaces(q)
    : { places: await notifier.conversationPlaces(q), failure: null };
  let busy = 0;
  let failed: unknown = failure;
  for (const place of places) {
    // One place failing (its platform away) does not keep the message from the others; the retry resumes it.
    try {
      const delivered = await withPlace(deps, q.id, place, (token, afterSeq) =>
        deliverToPlace(deps, notifier, q, place, token, afterSeq),
      );
      if (!delivered) busy++;
    } catch (e) {
      failed ??= e;
    }
  }
  if (failed) throw failed;
  if (busy > 0)
    throw new RetryLater(
      `${busy} place(s) of query #${q.id}'s conversation are being delivered by another run`,
      BUSY_RETRY_MS,
    );
}

/**
 * Runs `work` holding the (query, place) claim; false when another run holds it. Released whatever happens,
 * so a failed platform call leaves the place to the retry at once.
 */
export async function withPlace(
  deps: DeskDeps,
  queryId: number,
  place: ConversationPlace,
  work: (token: string, deliveredSeq: number) => Promise<void>,
): Promise<boolean> {
  const token = randomUUID();
  const now = deps.clock.now();
  const claim = await deps.store.copies.claimPlace(
    queryId,
    place.key,
    token,
    now,
    new Date(now.getTime() - RELAY_LEASE_MS),
  );
  if (!claim.held) return false;
  try {
    await work(token, claim.deliveredSeq);
  } finally {
    await deps.store.copies.releasePlace(queryId, place.key, token);
  }
  return true;
}

async function deliverToPlace(
  deps: DeskDeps,
  notifier: ConversationNotifier,
  q: QueryRecord,
  place: ConversationPlace,
  token: string,
  afterSeq: number,
): Promise<void> {
  const { store } = deps;
  const messages = await store.messages.forQuery(q.id, {
    includeInternal: place.audience === 'staff',
    afterSeq,
  });
  const names = await authorNames(store, messages);
  for (const m of messages) {
    if (isWrittenHere(m, place)) {
      // The writer's own message is its copy at this place: recorded (edits find it), never posted again.
      await store.copies.record(copyAt(place, m, m.source!.messageId));
    } else if (m.deletedAt === null) {
      const view = copyViewOf(
        m,
        names.get(m.authorId) ?? `#${m.authorId}`,
        place.audience,
        await copyFilesOf(store, m),
      );
      const posted = await notifier.postMessageCopy(place, view);
      await store.copies.record(copyAt(place, m, posted));
    }
    if (!(await store.copies.advancePlace(q.id, place.key, m.seq, token, deps.clock.now()))) return;
  }
}

function isWrittenHere(m: QueryMessage, place: ConversationPlace): boolean {
  return m.source !== null && m.source.platform === place.platform && m.source.channelId === place.channelId;
}

function copyAt(place: ConversationPlace, m: QueryMessage, platformMessageId: string) {
  return {
    messageId: m.id,
    queryId: m.queryId,
    placeKey: place.key,
    platform: place.platform,
    channelId: place.channelId,
    platformMessageId,
  };
}
