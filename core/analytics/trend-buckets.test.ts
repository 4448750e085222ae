import type { TrendRow } from '../ports/analytics-store';
import { bucketFor, foldTrend, MAX_TREND_POINTS, periodLabel } from './trend-buckets';

const DAY = 86_400_000;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** One row per day from `first` for `n` days: 2 opened, 1 closed in 3 h each. */
function days(first: string, n: number): TrendRow[] {
  return Array.from({ length: n }, (_, i) => ({
    bucketStart: new Date(day(first).getTime() + i * DAY),
    opened: 2,
    closed: 1,
    resolutionMsSum: 3 * 3_600_000,
  }));
}

describe('the trend bucket', () => {
  it('is the finest that draws the data in at most 60 points', () => {
    expect(bucketFor(days('2025-01-01', 60), {})).toBe('day');
    expect(bucketFor(days('2025-01-01', 61), {})).toBe('week');
    expect(bucketFor(days('2025-01-01', 365), {})).toBe('week');
    // Two years of demo data drew 730 daily points; now 24 monthly ones.
    const twoYears = days('2024-01-01', 731);
    expect(bucketFor(twoYears, {})).toBe('month');
    expect(foldTrend(twoYears, 'month')).toHaveLength(24);
  });

  it('measures the range asked for where given, the days with data otherwise', () => {
    const few = days('2025-03-01', 3);
    expect(bucketFor(few, { from: day('2024-01-01'), to: day('2025-12-31') })).toBe('month');
    expect(bucketFor(few, { from: day('2025-01-01') })).toBe('week');
    expect(bucketFor(few, { to: day('2025-03-10') })).toBe('day');
    expect(bucketFor([], {})).toBe('day');
  });

  it('never exceeds 60 points for any span up to five years', () => {
    for (const n of [1, 59, 60, 61, 200, 420, 421, 800, 1500, 1790]) {
      const rows = days('2022-01-03', n);
      expect(foldTrend(rows, bucketFor(rows, {})).length).toBeLessThanOrEqual(MAX_TREND_POINTS);
    }
  });

  it('folds days into ISO weeks (Monday first) and calendar months, the sums exact', () => {
    const rows = days('2025-03-01', 10); // Saturday 1st to Monday 10th
    const weeks = foldTrend(rows, 'week');
    expect(weeks.map((w) => [periodLabel(w.bucketStart, 'week'), w.opened, w.closed])).toEqual([
      ['2025-02-24', 4, 2],
      ['2025-03-03', 14, 7],
      ['2025-03-10', 2, 1],
    ]);
    expect(weeks.reduce((s, w) => s + w.resolutionMsSum, 0)).toBe(10 * 3 * 3_600_000);
    const months = foldTrend(days('2025-01-30', 4), 'month');
    expect(months.map((m) => [periodLabel(m.bucketStart, 'month'), m.opened])).toEqual([
      ['2025-01', 4],
      ['2025-02', 4],
    ]);
  });
});
