import { teamAnalytics } from '../analytics/team-analytics';
import { drawCharts } from '../charts/draw-charts';
import type { DeskDeps } from '../desk/desk-deps';
import type { Actor } from '../domain/actor';
import type { ChartRenderer } from '../ports/chart-renderer';
import type { Notifier } from '../ports/notifier';
import { digestRange, type DigestPeriod } from './digest-period';
import { digestReport } from './digest-report';

/** The digest reads team analytics as the desk itself, with a lead's view. */
const DIGEST_ACTOR: Actor = { userId: 0, username: 'digest', role: 'lead', platform: 'system' };

/**
 * Builds the period's digest and posts it to the leads channel. The period ends when the job was due (a
 * schedule's fire time, the same on every retry; the clock's now when the queue does not say), and is keyed by
 * period and end minute: schedules firing in several processes post it once, and a failed post frees the key
 * for the retry. The key also names the delivery, so a retry after one platform failed posts only where it
 * had not been posted yet.
 */
export async function postDigest(deps: DeskDeps, notifier: Notifier, renderer: ChartRenderer, period: DigestPeriod, dueAt?: Date): Promise<boolean> {
  const range = digestRange(period, dueAt ?? deps.clock.now());
  const { key } = range;
  if (!(await deps.store.idempotency.claim(key, deps.clock.now()))) return false;
  try {
    const analytics = await teamAnalytics(deps, DIGEST_ACTOR, { from: range.from, to: range.to, bucket: 'day' });
    const report = digestReport(period, range, analytics);
    await notifier.postReport('leads', report.reply, await drawCharts(renderer, report.charts), key);
    return true;
  } catch (e) {
    await deps.store.idempotency.release(key);
    throw e;
  }
}
