import fc from 'fast-check';
import { addBusinessMs, businessCalendarSchema, businessMsBetween, type BusinessCalendar } from './business-calendar';

const H = 3_600_000;
const cal = (timeZone: string, extra: Partial<BusinessCalendar> = {}): BusinessCalendar =>
  businessCalendarSchema.parse({ timeZone, days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', ...extra });

// Zones with DST on both hemispheres, a half-hour DST (Lord Howe), a fixed +05:30, and UTC.
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC'];
const calendars = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    startMin: fc.integer({ min: 0, max: 22 * 60 }),
    len: fc.integer({ min: 60, max: 8 * 60 }),
    holidays: fc.array(
      fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
      { maxLength: 20 },
    ),
  })
  .map(({ timeZone, days, startMin, len, holidays }) => {
    const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return businessCalendarSchema.parse({
      timeZone,
      days,
      start: hm(startMin),
      end: hm(Math.min(startMin + len, 23 * 60 + 59)),
      holidays: holidays.map((d) => d.toISOString().slice(0, 10)),
    });
  });
const instants = fc
  .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-06-30T00:00:00Z') })
  .map((t) => new Date(t));
const durations = fc.integer({ min: 0, max: 200 * H });

describe('business calendar', () => {
  it('a 4 h target opened at 16:00 on a Friday, 09:00-17:00 Mon-Fri, is due on Monday at 12:00 (across a DST change)', () => {
    const ny = cal('America/New_York');
    const opened = new Date('2026-03-06T21:00:00Z'); // Friday 16:00 EST; clocks go forward on Sunday the 8th
    const due = addBusinessMs(ny, opened, 4 * H);
    expect(due.toISOString()).toBe('2026-03-09T16:00:00.000Z'); // Monday 12:00 EDT
    expect(businessMsBetween(ny, opened, new Date('2026-03-09T15:59:59.999Z'))).toBeLessThan(4 * H);
    expect(businessMsBetween(ny, opened, due)).toBe(4 * H);
    expect(businessMsBetween(ny, opened, new Date('2026-03-08T23:00:00Z'))).toBe(H); // the weekend does not count
  });

  it('skips holidays, in the calendar time zone', () => {
    const london = cal('Europe/London', { holidays: ['2026-12-25', '2026-12-28'] });
    // Thursday 24 Dec 16:00 GMT + 2 h: 1 h on Thursday, then Friday and Monday are holidays: Tuesday 10:00.
    expect(addBusinessMs(london, new Date('2026-12-24T16:00:00Z'), 2 * H).toISOString()).toBe(
      '2026-12-29T10:00:00.000Z',
    );
  });

  it('is wall time without a calendar', () => {
    fc.assert(
      fc.property(instants, durations, (from, ms) => {
        expect(addBusinessMs(undefined, from, ms).getTime()).toBe(from.getTime() + ms);
        expect(businessMsBetween(undefined, from, new Date(from.getTime() + ms))).toBe(ms);
      }),
    );
  });

  it('adding then measuring gives the duration back', () => {
    fc.assert(
      fc.property(calendars, instants, durations, (c, from, ms) => {
        const to = addBusinessMs(c, from, ms);
        expect(to.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(businessMsBetween(c, from, to)).toBe(ms);
      }),
      { numRuns: 300 },
    );
  });

  it('measures additively, never more than wall time, and monotonically', () => {
    fc.assert(
      fc.property(
        calendars,
        instants,
        fc.integer({ min: 0, max: 30 * 24 * H }),
        fc.integer({ min: 0, max: 30 * 24 * H }),
        (c, a, d1, d2) => {
          const b = new Date(a.getTime() + d1);
          const z = new Date(b.getTime() + d2);
          const ab = businessMsBetween(c, a, b);
          const bz = businessMsBetween(c, b, z);
          expect(businessMsBetween(c, a, z)).toBe(ab + bz);
          expect(ab).toBeLessThanOrEqual(d1);
          expect(ab).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts a working day as its local hours, 23 h or 25 h days included', () => {
    const ny = cal('America/New_York', { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' });
    // Sunday 8 March 2026 is 23 h long in New York: 00:00-23:59 local is 22 h 59 min of elapsed time.
    expect(businessMsBetween(ny, new Date('2026-03-08T05:00:00Z'), new Date('2026-03-09T04:00:00Z'))).toBe(
      22 * H + 59 * 60_000,
    );
    // Sunday 1 November 2026 is 25 h long.
    expect(businessMsBetween(ny, new Date('2026-11-01T04:00:00Z'), new Date('2026-11-02T05:00:00Z'))).toBe(
      24 * H + 59 * 60_000,
    );
  });

  it('rejects invalid calendars', () => {
    expect(() => cal('Mars/Olympus')).toThrow();
    expect(() => cal('UTC', { start: '17:00', end: '09:00' })).toThrow();
    expect(() => cal('UTC', { days: [] })).toThrow();
    expect(() => cal('UTC', { holidays: ['25/12/2026'] })).toThrow();
  });
});
