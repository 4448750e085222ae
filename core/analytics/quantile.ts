import type { QuantilePick } from '../ports/analytics-store';

/**
 * Linear interpolation between closest ranks (pandas' and numpy's default): with values v sorted and
 * h = p(n-1)/100, the quantile is v[floor h] + (h - floor h)(v[ceil h] - v[floor h]).
 */
export function quantileFromPicks(picks: readonly QuantilePick[], percent: number): number | null {
  const first = picks[0];
  if (!first) return null;
  const h = (percent * (first.n - 1)) / 100;
  const lo = picks.find((p) => p.rank === Math.floor(h) + 1);
  const hi = picks.find((p) => p.rank === Math.ceil(h) + 1);
  if (!lo || !hi) return null;
  return lo.valueMs + (h - Math.floor(h)) * (hi.valueMs - lo.valueMs);
}

/** The same definition over an in-memory array: for tests and small lists. */
export function quantileOf(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (percent * (sorted.length - 1)) / 100;
  const lo = sorted[Math.floor(h)] as number;
  const hi = sorted[Math.ceil(h)] as number;
  return lo + (h - Math.floor(h)) * (hi - lo);
}
