import fc from 'fast-check';
import { parseDate } from './date-rule';

// Days in a month computed by the platform's calendar, not by the rule under test.
const daysIn = (y: number, mo: number) => new Date(Date.UTC(y, mo, 0)).getUTCDate();
const p2 = (n: number) => String(n).padStart(2, '0');

const instant = fc
  .record({
    y: fc.integer({ min: 1000, max: 9999 }),
    mo: fc.integer({ min: 1, max: 12 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
  })
  .chain((t) => fc.integer({ min: 1, max: daysIn(t.y, t.mo) }).map((d) => ({ ...t, d })));

describe('date rule', () => {
  it('reads every accepted format of a valid date as the same UTC instant', () => {
    fc.assert(
      fc.property(instant, ({ y, mo, d, h, mi, s }) => {
        const day = Date.UTC(y, mo - 1, d);
        const at = Date.UTC(y, mo - 1, d, h, mi, s);
        const ymd = `${y}-${p2(mo)}-${p2(d)}`;
        expect(parseDate(ymd)?.getTime()).toBe(day);
        expect(parseDate(`${p2(d)}/${p2(mo)}/${y}`)?.getTime()).toBe(day);
        expect(parseDate(`${p2(d)}-${p2(mo)}-${y}`)?.getTime()).toBe(day);
        expect(parseDate(`${ymd} ${p2(h)}:${p2(mi)}`)?.getTime()).toBe(Date.UTC(y, mo - 1, d, h, mi));
        expect(parseDate(`${ymd} ${p2(h)}:${p2(mi)}:${p2(s)}`)?.getTime()).toBe(at);
        expect(parseDate(`${ymd}T${p2(h)}:${p2(mi)}:${p2(s)}Z`)?.getTime()).toBe(at);
        expect(parseDate(` ${ymd}T${p2(h)}:${p2(mi)}:${p2(s)}.250Z `)?.getTime()).toBe(at + 250);
      }),
    );
  });

  it('applies an offset: local time minus the offset is UTC', () => {
    const offset = fc.record({
      sign: fc.constantFrom(1, -1),
      h: fc.integer({ min: 0, max: 14 }),
      m: fc.constantFrom(0, 30, 45),
    });
    fc.assert(
      fc.property(instant, offset, ({ y, mo, d, h, mi, s }, o) => {
        const local = `${y}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}`;
        const minutes = o.sign * (o.h * 60 + o.m);
        const expected = Date.UTC(y, mo - 1, d, h, mi, s) - minutes * 60_000;
        const zone = `${o.sign > 0 ? '+' : '-'}${p2(o.h)}:${p2(o.m)}`;
        expect(parseDate(local + zone)?.getTime()).toBe(expected);
        expect(parseDate(local + zone.replace(':', ''))?.getTime()).toBe(expected);
      }),
    );
  });

  it('rejects days past the end of the month in every format', () => {
    const overflow = fc
      .record({ y: fc.integer({ min: 1000, max: 9999 }), mo: fc.integer({ min: 1, max: 12 }) })
      .chain((t) => fc.integer({ min: daysIn(t.y, t.mo) + 1, max: 99 }).map((d) => ({ ...t, d })));
    fc.assert(
      fc.property(overflow, ({ y, mo, d }) => {
        for (const s of [
          `${y}-${p2(mo)}-${p2(d)}`,
          `${p2(d)}/${p2(mo)}/${y}`,
          `${p2(d)}-${p2(mo)}-${y}`,
          `${y}-${p2(mo)}-${p2(d)}T00:00:00Z`,
        ]) {
          expect(parseDate(s)).toBeNull();
        }
      }),
    );
  });

  it('round-trips its own output (ISO 8601 UTC with milliseconds)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        (t) => parseDate(t.toISOString())?.getTime() === t.getTime(),
      ),
    );
  });

  it('never throws and returns null or a real date on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const d = parseDate(s);
        return d === null || !Number.isNaN(d.getTime());
      }),
    );
  });

  it.each([
    ['2025-02-30'],
    ['2023-02-29'],
    ['2025-13-01'],
    ['2025-00-10'],
    ['2025-01-01T10:00:00'],
    ['2025-01-01 24:00'],
    ['2025-01-01 10:60'],
    ['2025-01-01 10:00:60'],
    ['2025-01-01  10:00'],
    ['1/2/2025'],
    ['2025/01/02'],
    ['2025-1-5'],
    ['31/04/2025'],
    ['02/01/25'],
    ['2025-01-01T10:00:00+24:00'],
    ['2025-01-01T10:00Zjunk'],
    ['2025-01-01t10:00:00z'],
    ['yesterday'],
    ['N/A'],
    [''],
  ])('rejects %j', (s) => {
    expect(parseDate(s)).toBeNull();
  });

  it.each([
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2025-06-18 14:05', '2025-06-18T14:05:00.000Z'],
    ['2025-06-18T14:05+05:30', '2025-06-18T08:35:00.000Z'],
    ['18-06-2025', '2025-06-18T00:00:00.000Z'],
    ['0099-03-01', '0099-03-01T00:00:00.000Z'],
  ])('reads %j as %s', (s, iso) => {
    expect(parseDate(s)?.toISOString()).toBe(iso);
  });
});
