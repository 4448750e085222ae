import type { Actor } from '../domain/actor';
import type { Action } from '../authz/actions';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import type { AggregateMetric, AggregateRow, AnalyticsScope, QuantilePick } from '../ports/analytics-store';
import { parseInput } from '../schemas/parse-input';
import { type AnalyticsFilterInput, analyticsFilterSchema } from '../schemas/analytics-input';
import type { TrendPoint } from './analytics-types';
import { cutoffsOf, scopeOf, trendIn } from './analytics-scope';
import { valueCounts } from './rollup';
import type { TrendBucket } from './trend-buckets';

/** One report's request: the filter asked for, the queries it covers and the moment its numbers are taken at. */
export interface AnalyticsRequest {
  f: AnalyticsFilterInput;
  scope: AnalyticsScope;
  now: Date;
}

/** The permission is checked before the input is read; `narrow` adds what the report is limited to. */
export function analyticsRequest(
  deps: DeskDeps,
  actor: Actor,
  action: Action,
  input: Record<string, unknown>,
  narrow: (f: AnalyticsFilterInput) => Partial<AnalyticsScope>,
): AnalyticsRequest {
  authorize(actor, action);
  const f = parseInput(analyticsFilterSchema, input);
  return { f, scope: scopeOf(f, narrow(f)), now: deps.clock.now() };
}

/** A quantile a report shows: of which duration, over the whole scope or per assignee. */
export interface QuantileAsk {
  metric: AggregateMetric;
  byAgent: boolean;
}

export interface Rollup<A extends readonly QuantileAsk[]> {
  rows: AggregateRow[];
  /** The median and 90th-percentile picks, one list per ask, in the order asked. */
  picks: { [K in keyof A]: QuantilePick[] };
  bucket: TrendBucket;
  trend: TrendPoint[];
}

/**
 * The aggregate with the trend beside it; the quantiles follow the aggregate, since its counts tell them which
 * ranks to read.
 */
export async function readRollup<const A extends readonly QuantileAsk[]>(
  deps: DeskDeps,
  req: AnalyticsRequest,
  asks: A,
): Promise<Rollup<A>> {
  const a = deps.store.analytics;
  const rollup = a
    .aggregate(req.scope, cutoffsOf(deps.config.sla, req.now))
    .then((rows) =>
      Promise.all([
        rows,
        Promise.all(
          asks.map((q) =>
            a.quantiles(req.scope, q.metric, q.byAgent, [50, 90], req.now, valueCounts(rows, q.metric, q.byAgent)),
          ),
        ),
      ] as const),
    );
  const [[rows, picks], days] = await Promise.all([rollup, a.trend(req.scope)]);
  return { rows, picks: picks as Rollup<A>['picks'], ...trendIn(days, req.f) };
}
