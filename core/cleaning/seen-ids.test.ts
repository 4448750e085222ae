import fc from 'fast-check';
import { SeenIds } from './seen-ids';

describe('seen ids', () => {
  it('answers like a plain set of strings', () => {
    const id = fc.oneof(fc.stringMatching(/^[A-Z]{0,2}\d{1,10}$/), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 60 }), (ids) => {
        const seen = new SeenIds();
        const plain = new Set<string>();
        for (const x of ids) {
          const fresh = !plain.has(x);
          plain.add(x);
          if (seen.add(x) !== fresh) return false;
        }
        return true;
      }),
    );
  });

  it('keeps ids that differ only in leading zeros or prefix apart', () => {
    const seen = new SeenIds();
    expect(['Q1', 'Q01', 'Q001', 'q1', '1', '01', 'Q1x'].map((x) => seen.add(x))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['Q01', '1', 'Q1x'].map((x) => seen.add(x))).toEqual([false, false, false]);
  });
});
