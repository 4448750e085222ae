import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Working hours in one time zone; the SLA clocks run only inside them. Days are ISO: 1 Monday .. 7 Sunday. */
export const businessCalendarSchema = z
  .object({
    timeZone: z.string().refine(validZone, 'an IANA time zone'),
    days: z.array(z.number().int().min(1).max(7)).min(1),
    start: hhmm,
    end: hhmm,
    holidays: z.array(isoDate).default([]),
  })
  .refine((c) => c.start < c.end, 'start must be before end');

export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

const DAY_MS = 86_400_000;
/** A calendar whose working days are all holidays for ten years is a configuration error, not a loop. */
const MAX_DAYS = 3660;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The zone's wall-clock reading of an instant, as if it were UTC (ms). */
function wallAsUtc(tz: string, utcMs: number): number {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(utcMs)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  return (
    Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) +
    (((utcMs % 1000) + 1000) % 1000)
  );
}

/** The instant at which the zone's clocks read `wall` (a naive local time in UTC ms); in a DST gap, the moment just after it. */
function wallToUtc(tz: string, wall: number): number {
  let utc = wall - (wallAsUtc(tz, wall) - wall);
  const offset = wallAsUtc(tz, utc) - utc;
  if (wall - offset !== utc) {
    const again = wall - offset;
    // In a gap neither guess reads `wall`; keep the later one (the clocks jumped past it).
    utc = wallAsUtc(tz, again) === wall ? again : Math.max(utc, again);
  }
  return utc;
}

const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

interface Window {
  start: number;
  end: number;
}

/** Per calendar: the working window (UTC ms) of each local day (naive UTC midnight), or null on days off. */
const windowCache = new WeakMap<BusinessCalendar, Map<number, Window | null>>();

function windowOf(cal: BusinessCalendar, dayWall: number): Window | null {
  let cache = windowCache.get(cal);
  if (!cache) windowCache.set(cal, (cache = new Map()));
  const hit = cache.get(dayWall);
  if (hit !== undefined) return hit;
  const d = new Date(dayWall);
  const iso = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  const date = d.toISOString().slice(0, 10);
  const w =
    cal.days.includes(iso) && !cal.holidays.includes(date)
      ? {
          start: wallToUtc(cal.timeZone, dayWall + minutes(cal.start) * 60_000),
          end: wallToUtc(cal.timeZone, dayWall + minutes(cal.end) * 60_000),
        }
      : null;
  cache.set(dayWall, w);
  return w;
}

/** The local day (naive UTC midnight) an instant falls on in the calendar's zone. */
function localDay(cal: BusinessCalendar, utcMs: number): number {
  const wall = wallAsUtc(cal.timeZone, utcMs);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

/** Working milliseconds in [from, to); wall time without a calendar. Zero when to is not after from. */
export function businessMsBetween(cal: BusinessCalendar | undefined, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!cal) return b - a;
  let total = 0;
  const last = localDay(cal, b);
  for (let day = localDay(cal, a); day <= last; day += DAY_MS) {
    const w = windowOf(cal, day);
    if (w) total += Math.max(0, Math.min(b, w.end) - Math.max(a, w.start));
  }
  return total;
}

/** The instant at which `ms` working milliseconds have passed since `from` (from itself when ms is 0). */
export function addBusinessMs(cal: BusinessCalendar | undefined, from: Date, ms: number): Date {
  const a = from.getTime();
  if (!cal || ms <= 0) return new Date(a + Math.max(0, ms));
  let left = ms;
  let day = localDay(cal, a);
  for (let i = 0; i < MAX_DAYS; i++, day += DAY_MS) {
    const w = windowOf(cal, day);
    if (!w) continue;
    const start = Math.max(a, w.start);
    const avail = w.end - start;
    if (avail <= 0) continue;
    if (left <= avail) return new Date(start + left);
    left -= avail;
  }
  throw new Error(`business calendar has no working time within ${MAX_DAYS} days`);
}
