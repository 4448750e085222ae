import type { Actor } from '../domain/actor';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { parseInput } from '../schemas/parse-input';
import { analyticsFilterSchema } from '../schemas/analytics-input';
import type { ClientAnalytics } from './analytics-types';
import { cutoffsOf, rangeOf, scopeOf, trendIn } from './analytics-scope';
import { categoriesOf, durationStats, picksByGroup, totalsOf, valueCounts } from './rollup';

/** A client's own numbers: totals by status, resolution times, categories and the trend. */
export async function clientAnalytics(
  deps: DeskDeps,
  actor: Actor,
  input: Record<string, unknown> = {},
): Promise<ClientAnalytics> {
  authorize(actor, 'analytics.own');
  const f = parseInput(analyticsFilterSchema, input);
  const now = deps.clock.now();
  const scope = scopeOf(f, { clientId: actor.userId });
  const a = deps.store.analytics;
  const rollup = a
    .aggregate(scope, cutoffsOf(deps.config.sla, now))
    .then((rows) =>
      Promise.all([
        rows,
        a.quantiles(scope, 'resolution', false, [50, 90], valueCounts(rows, 'resolution', false)),
      ] as const),
    );
  const [[rows, picks], days] = await Promise.all([rollup, a.trend(scope)]);
  const { bucket, trend } = trendIn(days, f);
  const resolved = rows.reduce((s, r) => ({ n: s.n + r.resolutionCount, ms: s.ms + r.resolutionMsSum }), {
    n: 0,
    ms: 0,
  });
  return {
    range: rangeOf(f, bucket, now),
    totals: totalsOf(rows),
    resolution: durationStats(resolved.n, resolved.ms, picksByGroup(picks).get(null) ?? []),
    categories: categoriesOf(rows),
    trend,
  };
}
