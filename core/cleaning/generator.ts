import { DEFAULT_CATEGORIES } from '../config/categories';
import type { QueryStatus } from '../domain/status';
import type { RawRow } from './columns';
import {
  badDate,
  clientOf,
  emailText,
  formatDate,
  mobileText,
  padded,
  pickDateFormat,
  statusText,
} from './generator-fields';
import { DESCRIPTIONS, FALLBACK_DESCRIPTIONS, TRICKY_SUFFIXES } from './generator-vocab';
import { Prng } from './prng';

export interface GeneratorOptions {
  rows: number;
  seed: number;
  categories?: readonly string[];
}

const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1);
const SPAN_DAYS = 730;
// The last rows emitted, for duplicates: a fixed window keeps memory constant at any row count.
const RECENT = 64;

/**
 * Yields a synthetic raw export one row at a time, with the defects real exports have: status
 * spellings and unknown statuses, +91/0 prefixes, separators and `.0` in mobiles, malformed emails,
 * several date formats and impossible dates, duplicates, missing fields, closed-before-opened,
 * quotes, commas, line breaks and markup inside text. Same options, same rows.
 */
export function* generateRawRows(opts: GeneratorOptions): Generator<RawRow> {
  const r = new Prng(opts.seed);
  const categories = opts.categories ?? DEFAULT_CATEGORIES;
  const clients = Math.max(20, Math.floor(opts.rows / 4));
  const idWidth = Math.max(4, String(opts.rows).length);
  const recent: RawRow[] = [];
  let nextId = 1;
  for (let i = 0; i < opts.rows; i++) {
    const row =
      recent.length > 0 && r.chance(0.02)
        ? duplicateOf(r, r.pick(recent))
        : freshRow(r, opts.seed, `Q${String(nextId++).padStart(idWidth, '0')}`, categories, clients);
    if (recent.length < RECENT) recent.push(row);
    else recent[i % RECENT] = row;
    yield row;
  }
}

function duplicateOf(r: Prng, original: RawRow): RawRow {
  // Half are exact re-exports; half were edited in between (a later status), still the same query_id.
  return r.chance(0.5) ? { ...original } : { ...original, status: 'Closed', query_id: ` ${original.query_id.trim()}` };
}

function freshRow(r: Prng, seed: number, id: string, categories: readonly string[], clients: number): RawRow {
  const client = clientOf(seed, r.int(clients));
  const category = r.pick(categories);
  const status = r.weighted<QueryStatus>({ Open: 20, 'In Progress': 10, Closed: 70 });
  return {
    query_id: padded(r, id),
    client_email: emailText(r, client.user, client.domain),
    client_mobile: padded(r, mobileText(r, client.mobile)),
    query_heading: r.chance(0.005) ? r.pick(['', '   ']) : padded(r, category),
    query_description: r.chance(0.005) ? r.pick(['', ' ']) : descriptionText(r, category),
    status: statusText(r, status),
    ...datesOf(r, status),
  };
}

function descriptionText(r: Prng, category: string): string {
  const base = r.pick(DESCRIPTIONS[category] ?? FALLBACK_DESCRIPTIONS);
  return padded(r, r.chance(0.12) ? base + r.pick(TRICKY_SUFFIXES) : base);
}

function datesOf(r: Prng, status: QueryStatus): { date_opened: string; date_closed: string } {
  const opened = new Date(START + r.int(SPAN_DAYS * 24) * HOUR + r.int(3600) * 1000);
  const closed = new Date(opened.getTime() + (1 + r.int(24 * 20)) * HOUR);
  // One format for both dates of a row, so truncating to a day never puts closed before opened.
  const format = pickDateFormat(r);
  const hasClose = status === 'Closed' || r.chance(0.05);
  const valid = { date_opened: formatDate(opened, format), date_closed: hasClose ? formatDate(closed, format) : '' };
  switch (
    r.weighted({
      valid: 96,
      badOpened: 1,
      emptyOpened: 0.5,
      badClosed: 0.5,
      closedBeforeOpened: 1,
      closedWithoutDate: 1,
    })
  ) {
    case 'badOpened':
      return { ...valid, date_opened: badDate(r) };
    case 'emptyOpened':
      return { ...valid, date_opened: '' };
    case 'badClosed':
      return { ...valid, date_closed: badDate(r) };
    case 'closedBeforeOpened':
      return {
        date_opened: formatDate(closed, format),
        date_closed: formatDate(new Date(opened.getTime() - 48 * HOUR), format),
      };
    case 'closedWithoutDate':
      return { ...valid, date_closed: status === 'Closed' ? '' : valid.date_closed };
    default:
      return valid;
  }
}
