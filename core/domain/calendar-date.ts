const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// A date (midnight UTC) or a full ISO timestamp with its zone; nothing looser, since `new Date()` alone reads
// `1` as 2001-01-01 and rolls 2024-02-30 over to March 1st.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

export type DateReading = { ok: true; date: Date } | { ok: false; reason: string };

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.mmm]]Z|±HH:MM`, refusing dates that do not exist. */
export function readCalendarDate(text: string): DateReading {
  const m = ISO.exec(text);
  if (!m) return { ok: false, reason: `"${text}" is not a date (expected YYYY-MM-DD)` };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return { ok: false, reason: `"${text}" is not a date: there is no month ${m[2]}` };
  const last = daysIn(year, month);
  if (day < 1 || day > last)
    return { ok: false, reason: `"${text}" is not a date: ${MONTHS[month - 1]} ${year} has ${last} days` };
  if (m[4] === undefined) return { ok: true, date: new Date(Date.UTC(year, month - 1, day)) };
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59)
    return { ok: false, reason: `"${text}" is not a time of day (hours 00-23, minutes and seconds 00-59)` };
  const zone = m[8] === 'Z' ? '' : m[8];
  if (zone && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4)) > 59))
    return { ok: false, reason: `"${text}" has no such time zone offset (${zone})` };
  return { ok: true, date: new Date(text.replace(' ', 'T')) };
}
