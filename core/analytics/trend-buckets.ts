import type { TrendRow } from '../ports/analytics-store';

export const TREND_BUCKETS = ['day', 'week', 'month'] as const;
export type TrendBucket = (typeof TREND_BUCKETS)[number];

/** A trend is drawn on an 800-pixel chart: past this many points it no longer reads. */
export const MAX_TREND_POINTS = 60;

const DAY_MS = 86_400_000;

/** The UTC day a bucket starts on: the day itself, the Monday of its ISO week, or the 1st of its month. */
function bucketStart(day: Date, bucket: TrendBucket): Date {
  if (bucket === 'day') return day;
  if (bucket === 'week') return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
}

/** How many buckets of this size the span from `first` to `last` (UTC days) covers. */
function bucketsBetween(first: Date, last: Date, bucket: TrendBucket): number {
  if (bucket === 'month')
    return (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth() + 1;
  const size = bucket === 'day' ? DAY_MS : 7 * DAY_MS;
  return Math.floor((bucketStart(last, bucket).getTime() - bucketStart(first, bucket).getTime()) / size) + 1;
}

/**
 * The finest bucket that draws the span in at most MAX_TREND_POINTS points: days up to two months, weeks up to
 * about a year, months beyond. The span is the range asked for where given, else the days that have data.
 */
export function bucketFor(
  days: readonly TrendRow[],
  range: { from?: Date | undefined; to?: Date | undefined },
): TrendBucket {
  const first = range.from ?? days[0]?.bucketStart;
  const last = range.to ? new Date(range.to.getTime() - 1) : days.at(-1)?.bucketStart;
  if (!first || !last || last < first) return 'day';
  const day = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
  return TREND_BUCKETS.find((b) => bucketsBetween(day(first), day(last), b) <= MAX_TREND_POINTS) ?? 'month';
}

/** Daily rows (in day order) summed into buckets: opened, closed and resolution sums add up exactly. */
export function foldTrend(days: readonly TrendRow[], bucket: TrendBucket): TrendRow[] {
  if (bucket === 'day') return [...days];
  const out = new Map<number, TrendRow>();
  for (const d of days) {
    const start = bucketStart(d.bucketStart, bucket);
    const row = out.get(start.getTime()) ?? { bucketStart: start, opened: 0, closed: 0, resolutionMsSum: 0 };
    row.opened += d.opened;
    row.closed += d.closed;
    row.resolutionMsSum += d.resolutionMsSum;
    out.set(start.getTime(), row);
  }
  return [...out.values()];
}

/** A bucket's label: the day (YYYY-MM-DD; a week by its Monday) or the month (YYYY-MM). */
export function periodLabel(start: Date, bucket: TrendBucket): string {
  return start.toISOString().slice(0, bucket === 'month' ? 7 : 10);
}
