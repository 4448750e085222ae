import { teamAnalytics } from '../analytics/team-analytics';
import { drawCharts } from '../charts/draw-charts';
import type { DeskDeps } from '../desk/desk-deps';
import type { Actor } from '../domain/actor';
import type { ChartRenderer } from '../ports/chart-renderer';
import { leaseWaitMs } from '../async/lease-wait';
import { RetryLater } from '../ports/job-queue';
import type { Notifier } from '../ports/notifier';
import { digestRange, type DigestPeriod } from './digest-period';
import { digestReport } from './digest-report';

/** The digest reads team analytics as the desk itself, with a lead's view. */
const DIGEST_ACTOR: Actor = { userId: 0, username: 'digest', role: 'lead', platform: 'system' };

/**
 * How long a run that claimed a digest is presumed alive. A digest draws its charts and posts on every
 * platform in well under a minute, and a platform's 429 makes the job wait rather than hold the claim; a
 * claim this old whose digest is not done belongs to a worker that died (killed, OOM, a lost host), so another
 * run takes it over. Longer delays a crashed digest; shorter risks two live runs posting side by side.
 */
export const DIGEST_LEASE_MS = 10 * 60_000;

/**
 * The first wait of a run that found the digest in progress (leaseWaitMs): a digest being posted right now
 * (schedules firing in two processes) is seen done a few seconds later, and a dead holder is taken over in
 * about ten waits, well within the queue's cap on RetryLater waits (20).
 */
const FIRST_WAIT_MS = 5_000;

/**
 * Builds the period's digest and posts it to the leads channel. The period ends when the job was due (a
 * schedule's fire time, the same on every retry; the clock's now when the queue does not say), and is keyed by
 * period and end minute: schedules firing in several processes post it once, and a failed post frees the key
 * for the retry. The key also names the delivery, so a retry after one platform failed posts only where it
 * had not been posted yet. A run that finds the key claimed and the digest not done (`<key>:done` unrecorded)
 * waits while the claim's lease runs (RetryLater), then takes the claim over: a worker killed mid-digest
 * delays the platforms it did not reach, it does not drop them.
 */
export async function postDigest(
  deps: DeskDeps,
  notifier: Notifier,
  renderer: ChartRenderer,
  period: DigestPeriod,
  dueAt?: Date,
): Promise<boolean> {
  const range = digestRange(period, dueAt ?? deps.clock.now());
  const { key } = range;
  const heldSince = await claimDigest(deps, key);
  if (!heldSince) return false;
  try {
    const analytics = await teamAnalytics(deps, DIGEST_ACTOR, { from: range.from, to: range.to, bucket: 'day' });
    const report = digestReport(period, range, analytics);
    await notifier.postReport('leads', report.reply, await drawCharts(renderer, report.charts), key);
    await deps.store.idempotency.claim(doneKey(key), deps.clock.now());
    return true;
  } catch (e) {
    // Only our own claim: if a slow run of ours was taken over meanwhile, the new holder keeps its key.
    await deps.store.idempotency.release(key, heldSince);
    throw e;
  }
}

const doneKey = (key: string) => `${key}:done`;

/**
 * When this run came to hold the digest's key (claimed now, or taken over from a run whose lease ran out); null
 * when it does not hold it.
 */
async function claimDigest(deps: DeskDeps, key: string): Promise<Date | null> {
  const keys = deps.store.idempotency;
  const now = deps.clock.now();
  if (await keys.claim(key, now)) return now;
  if (await keys.seen(doneKey(key))) return null;
  if (!(await keys.takeOver(key, new Date(now.getTime() - DIGEST_LEASE_MS), now))) {
    const age = now.getTime() - ((await keys.claimedAt(key)) ?? now).getTime();
    throw new RetryLater(
      `digest ${key} is being posted by another run`,
      leaseWaitMs(age, DIGEST_LEASE_MS, FIRST_WAIT_MS),
    );
  }
  // The holder may have finished between the two reads, however late.
  return (await keys.seen(doneKey(key))) ? null : now;
}
