import type { Actor } from '../domain/actor';
import type { DeskDeps } from '../desk/desk-deps';
import type { ClientAnalytics } from './analytics-types';
import { rangeOf } from './analytics-scope';
import { analyticsRequest, readRollup } from './analytics-read';
import { categoriesOf, durationStats, picksByGroup, totalsOf } from './rollup';

/** A client's own numbers: totals by status, resolution times, categories and the trend. */
export async function clientAnalytics(
  deps: DeskDeps,
  actor: Actor,
  input: Record<string, unknown> = {},
): Promise<ClientAnalytics> {
  const req = analyticsRequest(deps, actor, 'analytics.own', input, () => ({ clientId: actor.userId }));
  const {
    rows,
    picks: [picks],
    bucket,
    trend,
  } = await readRollup(deps, req, [{ metric: 'resolution', byAgent: false }]);
  const resolved = rows.reduce((s, r) => ({ n: s.n + r.resolutionCount, ms: s.ms + r.resolutionMsSum }), {
    n: 0,
    ms: 0,
  });
  return {
    range: rangeOf(req.f, bucket, req.now),
    totals: totalsOf(rows),
    resolution: durationStats(resolved.n, resolved.ms, picksByGroup(picks).get(null) ?? []),
    categories: categoriesOf(rows),
    trend,
  };
}
