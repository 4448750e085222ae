import type { AggregateMetric, AggregateRow, QuantilePick, TrendRow } from '../ports/analytics-store';
import { quantileFromPicks } from './quantile';
import { periodLabel, type TrendBucket } from './trend-buckets';
import {
  STATUS_KEY,
  type CategoryStats,
  type DurationStats,
  type StatusCounts,
  type TrendPoint,
} from './analytics-types';

const HOUR_MS = 3_600_000;
const hours = (ms: number | null) => (ms === null ? null : ms / HOUR_MS);

export function emptyCounts(): StatusCounts {
  return { total: 0, open: 0, inProgress: 0, closed: 0 };
}

export function addCounts(into: StatusCounts, row: AggregateRow): void {
  into.total += row.count;
  into[STATUS_KEY[row.status]] += row.count;
}

export function totalsOf(rows: readonly AggregateRow[]): StatusCounts {
  const t = emptyCounts();
  for (const r of rows) addCounts(t, r);
  return t;
}

export function categoriesOf(rows: readonly AggregateRow[]): CategoryStats[] {
  const by = new Map<string, CategoryStats>();
  for (const r of rows) {
    let c = by.get(r.category);
    if (!c)
      by.set(
        r.category,
        (c = { category: r.category, ...emptyCounts(), firstResponseBreaches: 0, resolutionBreaches: 0 }),
      );
    addCounts(c, r);
    c.firstResponseBreaches += r.firstResponseBreaches;
    c.resolutionBreaches += r.resolutionBreaches;
  }
  return [...by.values()].sort((a, b) => b.total - a.total || a.category.localeCompare(b.category));
}

export function durationStats(count: number, sumMs: number, picks: readonly QuantilePick[]): DurationStats {
  return {
    count,
    avgHours: count === 0 ? null : sumMs / count / HOUR_MS,
    medianHours: hours(quantileFromPicks(picks, 50)),
    p90Hours: hours(quantileFromPicks(picks, 90)),
  };
}

/** How many values a quantile of this metric ranks, for the whole scope (key null) or per assignee. */
export function valueCounts(
  rows: readonly AggregateRow[],
  metric: AggregateMetric,
  byAgent: boolean,
): Map<number | null, number> {
  const counts = new Map<number | null, number>();
  for (const r of rows) {
    if (byAgent && r.assigneeId === null) continue;
    const key = byAgent ? r.assigneeId : null;
    counts.set(key, (counts.get(key) ?? 0) + (metric === 'resolution' ? r.resolutionCount : r.firstResponseCount));
  }
  if (!byAgent && counts.size === 0) counts.set(null, 0);
  return counts;
}

/** Splits a store's quantile picks by group (null: the whole scope). */
export function picksByGroup(picks: readonly QuantilePick[]): Map<number | null, QuantilePick[]> {
  const by = new Map<number | null, QuantilePick[]>();
  for (const p of picks) {
    const list = by.get(p.group);
    if (list) list.push(p);
    else by.set(p.group, [p]);
  }
  return by;
}

export function trendOf(rows: readonly TrendRow[], bucket: TrendBucket): TrendPoint[] {
  return rows.map((r) => ({
    period: periodLabel(r.bucketStart, bucket),
    opened: r.opened,
    closed: r.closed,
    avgResolutionHours: r.closed === 0 ? null : r.resolutionMsSum / r.closed / HOUR_MS,
  }));
}
