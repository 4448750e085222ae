import type { SlaPolicy } from '../sla/sla-policy';
import { targetTable } from '../sla/sla-policy';
import type { AnalyticsScope, SlaCutoffs } from '../ports/analytics-store';
import type { AnalyticsRange, TrendPoint } from './analytics-types';
import { bucketFor, foldTrend, type TrendBucket } from './trend-buckets';
import { trendOf } from './rollup';
import type { TrendRow } from '../ports/analytics-store';
import type { AnalyticsFilterInput } from '../schemas/analytics-input';

export function scopeOf(f: AnalyticsFilterInput, extra: Partial<AnalyticsScope> = {}): AnalyticsScope {
  const scope: AnalyticsScope = { ...extra };
  if (f.from) scope.from = f.from;
  if (f.to) scope.to = f.to;
  if (f.category) scope.category = f.category;
  return scope;
}

export function rangeOf(f: AnalyticsFilterInput, bucket: TrendBucket, now: Date): AnalyticsRange {
  return { from: f.from ?? null, to: f.to ?? null, category: f.category ?? null, bucket, generatedAt: now };
}

export function cutoffsOf(policy: SlaPolicy, now: Date): SlaCutoffs {
  const t = targetTable(policy);
  return { now, default: t.default, byCategory: t.byCategory };
}

/** The trend in the bucket asked for, or the finest that keeps it readable (trend-buckets.ts). */
export function trendIn(
  days: readonly TrendRow[],
  f: AnalyticsFilterInput,
): { bucket: TrendBucket; trend: TrendPoint[] } {
  const bucket = f.bucket ?? bucketFor(days, f);
  return { bucket, trend: trendOf(foldTrend(days, bucket), bucket) };
}
