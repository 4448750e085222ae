import type { QueryStatus } from '../domain/status';
import { derived, type Prng } from './prng';
import { STATUS_SPELLINGS } from './status-rule';
import { BAD_DATES, DOMAINS, FIRST_NAMES, LAST_NAMES, MALFORMED_EMAILS, UNKNOWN_STATUSES } from './generator-vocab';

/** A client's address and number derive from its index, so a client is consistent without being remembered. */
export function clientOf(seed: number, index: number): { user: string; domain: string; mobile: string } {
  const r = derived(seed, index);
  const user = `${r.pick(FIRST_NAMES)}.${r.pick(LAST_NAMES)}${index}`;
  // About one number in eight starts with 1-5, as in real exports: flagged later, never dropped.
  const first = r.chance(0.88) ? 6 + r.int(4) : 1 + r.int(5);
  let mobile = String(first);
  for (let i = 0; i < 9; i++) mobile += String(r.int(10));
  return { user, domain: r.pick(DOMAINS), mobile };
}

export function emailText(r: Prng, user: string, domain: string): string {
  const kind = r.weighted({ plain: 90, shouty: 4, malformed: 5, empty: 1 });
  if (kind === 'empty') return '';
  if (kind === 'shouty') return ` ${user.toUpperCase()}@${domain.toUpperCase()} `;
  if (kind === 'plain') return `${user}@${domain}`;
  return r
    .pick(MALFORMED_EMAILS)
    .replace('{u}', user)
    .replace('{d}', domain)
    .replace('{h}', domain.split('.')[0] ?? domain);
}

export function mobileText(r: Prng, digits: string): string {
  const a = digits.slice(0, 5);
  const b = digits.slice(5);
  switch (
    r.weighted({
      plain: 52,
      float: 10,
      plus91: 8,
      plus91dash: 5,
      zero: 5,
      cc91: 4,
      spaced: 5,
      dashed: 5,
      short: 5,
      empty: 1,
    })
  ) {
    case 'float':
      return `${digits}.0`;
    case 'plus91':
      return `+91 ${digits}`;
    case 'plus91dash':
      return `+91-${a}-${b}`;
    case 'zero':
      return `0${digits}`;
    case 'cc91':
      return `91${digits}`;
    case 'spaced':
      return `${a} ${b}`;
    case 'dashed':
      return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
    case 'short':
      return digits.slice(1);
    case 'empty':
      return '';
    default:
      return digits;
  }
}

const SPELLINGS_OF = new Map<QueryStatus, string[]>();
for (const [name, status] of STATUS_SPELLINGS) SPELLINGS_OF.set(status, [...(SPELLINGS_OF.get(status) ?? []), name]);

export function statusText(r: Prng, status: QueryStatus): string {
  if (r.chance(0.01)) return r.pick(UNKNOWN_STATUSES);
  if (r.chance(0.6)) return status;
  const name = r.pick(SPELLINGS_OF.get(status) ?? [status]);
  const cased = r.pick([name, name.toUpperCase(), name.replace(/^./, (c) => c.toUpperCase())]);
  return r.chance(0.2) ? ` ${cased} ` : cased;
}

const DATE_FORMATS = { ymd: 30, ymdHm: 10, ymdHms: 15, isoZ: 15, isoOffset: 10, dmySlash: 10, dmyDash: 10 };
type DateFormat = keyof typeof DATE_FORMATS;

export function pickDateFormat(r: Prng): DateFormat {
  return r.weighted(DATE_FORMATS);
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** Formats an instant in one of the accepted formats; zone-less formats show the UTC wall time. */
export function formatDate(t: Date, format: DateFormat): string {
  const shifted = format === 'isoOffset' ? new Date(t.getTime() + 330 * 60_000) : t;
  const y = String(shifted.getUTCFullYear()).padStart(4, '0');
  const [mo, d, h, mi, s] = [
    shifted.getUTCMonth() + 1,
    shifted.getUTCDate(),
    shifted.getUTCHours(),
    shifted.getUTCMinutes(),
    shifted.getUTCSeconds(),
  ].map(p2);
  switch (format) {
    case 'ymd':
      return `${y}-${mo}-${d}`;
    case 'ymdHm':
      return `${y}-${mo}-${d} ${h}:${mi}`;
    case 'ymdHms':
      return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
    case 'isoZ':
      return `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
    case 'isoOffset':
      return `${y}-${mo}-${d}T${h}:${mi}:${s}+05:30`;
    case 'dmySlash':
      return `${d}/${mo}/${y}`;
    case 'dmyDash':
      return `${d}-${mo}-${y}`;
  }
}

export function badDate(r: Prng): string {
  return r.pick(BAD_DATES);
}

/** Leading or trailing blanks that the cleaner must trim. */
export function padded(r: Prng, text: string): string {
  return r.chance(0.03) ? r.pick([` ${text}`, `${text} `, `\t${text}  `]) : text;
}
