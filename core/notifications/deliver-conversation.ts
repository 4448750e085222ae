import { randomUUID } from 'node:crypto';
import type { DeskDeps } from '../desk/desk-deps';
import type { ConversationPlace } from '../domain/conversation-place';
import type { QueryMessage } from '../domain/query-message';
import type { ConversationNotifier } from '../ports/conversation-notifier';
import { RetryLater } from '../ports/job-queue';
import { authorNames, copyFilesOf, copyViewOf, isWrittenHere } from './message-copy-views';

/** How long a place's claim lasts without progress before another worker may take it (a holder that died). */
export const RELAY_LEASE_MS = 60_000;
/**
 * How long a support-thread place waits before looking again for its query's card, posted by a job of its own that
 * is usually a moment ahead (the queue allows a job 20 such waits).
 */
export const CARD_WAIT_MS = 1_000;
/**
 * How long a job that found a place held waits for it, looking again every few ms, before it gives up with
 * RetryLater. The holder delivers what was committed until it lets go, so within milliseconds it has delivered
 * what this job came for, or it has let go and this job takes the place. Retrying through the queue instead
 * sent the jobs that found a place held back a second later in step, to find each other holding it again.
 * Only a holder stuck on a slow platform, or dead until its lease runs out, outlasts the wait.
 */
const BUSY_WAIT_MS = 5_000;
const BUSY_RETRY_MS = 1_000;

/**
 * Delivers every message of a query's conversation that a place has not got yet, place by place, in seq order,
 * each exactly once: the place's cursor is claimed across processes before any platform call, advanced after
 * each copy, and released at the end. At a place held by another worker this job waits until that worker has
 * delivered its messages or let go (then it takes the place itself, so what was committed after that worker's
 * last read is delivered too); past BUSY_WAIT_MS it retries (RetryLater).
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
      const delivered = await withPlace(
        deps,
        q.id,
        place,
        (token, afterSeq) => deliverToPlace(deps, notifier, q.id, place, token, afterSeq),
        deliveredByHolder(deps, q.id, q.messageCount, place),
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
 * Runs `work` holding the (query, place) claim, waiting up to BUSY_WAIT_MS for another run to let go of it; true
 * once done, or once `settled` says the holder has done this run's work; false when the wait ran out. The claim
 * is released whatever happens, so a failed platform call leaves the place to the retry at once.
 */
export async function withPlace(
  deps: DeskDeps,
  queryId: number,
  place: ConversationPlace,
  work: (token: string, deliveredSeq: number) => Promise<void>,
  settled: (deliveredSeq: number) => Promise<boolean> = async () => false,
): Promise<boolean> {
  const token = randomUUID();
  const giveUpAt = performance.now() + BUSY_WAIT_MS;
  for (let pauseMs = 5; ; pauseMs = Math.min(2 * pauseMs, 100)) {
    const now = deps.clock.now();
    const claim = await deps.store.copies.claimPlace(
      queryId,
      place.key,
      token,
      now,
      new Date(now.getTime() - RELAY_LEASE_MS),
    );
    if (claim.held) {
      try {
        await work(token, claim.deliveredSeq);
      } finally {
        await deps.store.copies.releasePlace(queryId, place.key, token);
      }
      return true;
    }
    if (await settled(claim.deliveredSeq)) return true;
    if (performance.now() >= giveUpAt) return false;
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}

/**
 * Whether the place's holder has delivered what this job came for: the place's messages up to `lastSeq` (the
 * query's last seq when the job read it; later messages have jobs of their own). Read once, at the first look.
 */
function deliveredByHolder(
  deps: DeskDeps,
  queryId: number,
  lastSeq: number,
  place: ConversationPlace,
): (deliveredSeq: number) => Promise<boolean> {
  let target: number | null = null;
  return async (deliveredSeq) => {
    if (target === null) {
      const left = await deps.store.messages.forQuery(queryId, {
        includeInternal: place.audience === 'staff',
        afterSeq: deliveredSeq,
      });
      target = left.filter((m) => m.seq <= lastSeq).at(-1)?.seq ?? deliveredSeq;
    }
    return deliveredSeq >= target;
  };
}

async function deliverToPlace(
  deps: DeskDeps,
  notifier: ConversationNotifier,
  queryId: number,
  place: ConversationPlace,
  token: string,
  afterSeq: number,
): Promise<void> {
  const { store } = deps;
  // Until nothing is left: what was committed while this run held the place goes out now, not on a retry.
  for (let after = afterSeq; ; ) {
    const messages = await store.messages.forQuery(queryId, {
      includeInternal: place.audience === 'staff',
      afterSeq: after,
    });
    if (messages.length === 0) return;
    if (!(await deliverBatch(deps, notifier, place, token, messages))) return;
    after = messages.at(-1)!.seq;
  }
}

/** Posts (or records) each message in turn; false once the claim is lost (another run took the place over). */
async function deliverBatch(
  deps: DeskDeps,
  notifier: ConversationNotifier,
  place: ConversationPlace,
  token: string,
  messages: QueryMessage[],
): Promise<boolean> {
  const { store } = deps;
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
    if (!(await store.copies.advancePlace(m.queryId, place.key, m.seq, token, deps.clock.now()))) return false;
  }
  return true;
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
