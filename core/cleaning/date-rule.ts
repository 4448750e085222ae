/**
 * The date formats exports use, and only those. Anything else, and any impossible calendar date
 * (2025-02-30, 24:00), is null: a guessed date would corrupt resolution times without anyone noticing.
 *   YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS]         no zone: UTC
 *   YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH[:MM])   ISO 8601 with a zone
 *   DD/MM/YYYY, DD-MM-YYYY                    UTC midnight
 */
const YMD = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_ZONED =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/;
const DMY = /^(\d{2})([/-])(\d{2})\2(\d{4})$/;

export function parseDate(raw: string): Date | null {
  const s = raw.trim();
  let m = YMD.exec(s);
  if (m) return build(m[1], m[2], m[3], m[4], m[5], m[6], undefined, 0);
  m = ISO_ZONED.exec(s);
  if (m) {
    const offset = m[8] === 'Z' ? 0 : offsetMinutes(m[9], m[10], m[11]);
    return offset === null ? null : build(m[1], m[2], m[3], m[4], m[5], m[6], m[7], offset);
  }
  m = DMY.exec(s);
  if (m) return build(m[4], m[3], m[1], undefined, undefined, undefined, undefined, 0);
  return null;
}

function offsetMinutes(sign: string | undefined, hh: string | undefined, mm: string | undefined): number | null {
  const h = Number(hh);
  const min = mm === undefined ? 0 : Number(mm);
  if (h > 23 || min > 59) return null;
  return (sign === '-' ? -1 : 1) * (h * 60 + min);
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

function build(
  ys: string | undefined,
  mos: string | undefined,
  ds: string | undefined,
  hs = '0',
  mis = '0',
  ss = '0',
  frac: string | undefined,
  offset: number,
): Date | null {
  const [y, mo, d, h, mi, sec] = [ys, mos, ds, hs, mis, ss].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return null;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  // Date.UTC maps years 0-99 to 1900-1999; a leap base year keeps 29 February valid before the year is set.
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, sec, ms));
  t.setUTCFullYear(y);
  return new Date(t.getTime() - offset * 60_000);
}
