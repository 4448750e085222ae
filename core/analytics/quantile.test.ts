import { quantileFromPicks, quantileOf } from './quantile';

describe('quantiles (linear interpolation, as pandas)', () => {
  it('matches known values', () => {
    expect(quantileOf([1, 2, 3, 4], 50)).toBe(2.5);
    expect(quantileOf([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(quantileOf([10], 90)).toBe(10);
    expect(quantileOf([], 50)).toBeNull();
    // pandas: pd.Series(range(1, 11)).quantile(0.9) == 9.1
    expect(quantileOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 10);
  });

  it('agrees with picks at the floor and ceiling ranks', () => {
    const values = [5, 1, 9, 3, 7, 2, 8];
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [0, 10, 50, 90, 100]) {
      const h = (p * (sorted.length - 1)) / 100;
      const ranks = [Math.floor(h) + 1, Math.ceil(h) + 1];
      const picks = ranks.map((rank) => ({ group: null, n: sorted.length, rank, valueMs: sorted[rank - 1]! }));
      expect(quantileFromPicks(picks, p)).toBeCloseTo(quantileOf(values, p)!, 10);
    }
  });

  it('is null without picks', () => {
    expect(quantileFromPicks([], 50)).toBeNull();
  });
});
