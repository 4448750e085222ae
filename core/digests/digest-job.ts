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
 * Builds the period's digest at the clock's now and posts it to the leads channel. Keyed by period and end
 * minute, so schedules firing in several processes post it once; a failed post frees the key for the retry.
 */
export async function postDigest(deps: DeskDeps, notifier: Notifier, renderer: ChartRenderer, period: DigestPeriod): Promise<boolean> {
  const range = digestRange(period, deps.clock.now());
  const { key } = range;
  if (!(await deps.store.idempotency.claim(key, deps.clock.now()))) return false;
  try {
    const analytics = await teamAnalytics(deps, DIGEST_ACTOR, { from: range.from, to: range.to, bucket: 'day' });
    const report = digestReport(period, range, analytics);
    await notifier.postReport('leads', report.reply, await drawCharts(renderer, report.charts));
    return true;
  } catch (e) {
    await deps.store.idempotency.release(key);
    throw e;
  }
}
