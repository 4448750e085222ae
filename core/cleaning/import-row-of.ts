import { QUERY_STATUSES, type QueryStatus } from '../domain/status';
import { ValidationFailed } from '../errors';
import type { ImportRow } from '../imports/import-queries';
import type { CleanedRow } from './columns';
import { parseDate } from './date-rule';

/** Rows with no email all belong to this one client account, so their queries still load. */
export const UNKNOWN_CLIENT_EMAIL = 'unknown@cqms.invalid';

// The widths of the columns these values land in (external_ref, category, mobile, users.email).
const LIMITS = { query_id: 64, query_heading: 64, client_mobile: 16, client_email: 254 } as const;

/**
 * Reads one row of a cleaned file back into what core imports. The file may have been edited by hand
 * since `data clean` wrote it, so every column is checked again; the first problem names line and column.
 */
export function importRowOf(row: CleanedRow, line: number): ImportRow {
  const fail = (column: string, message: string) => ValidationFailed.field(`line ${line}, ${column}`, message);
  for (const [column, max] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
    if (row[column].trim().length > max) throw fail(column, `is longer than ${max} characters`);
  }
  const externalRef = row.query_id.trim();
  if (!externalRef) throw fail('query_id', 'is empty');
  const category = row.query_heading.trim();
  const description = row.query_description.trim();
  if (!category) throw fail('query_heading', 'is empty');
  if (!description) throw fail('query_description', 'is empty');
  const status = row.status.trim() as QueryStatus;
  if (!QUERY_STATUSES.includes(status))
    throw fail('status', `"${row.status}" is not one of ${QUERY_STATUSES.join(', ')}`);
  const createdAt = parseDate(row.query_created_time);
  if (!createdAt) throw fail('query_created_time', `"${row.query_created_time}" is not a date`);
  const closedText = row.query_closed_time.trim();
  const closedAt = closedText ? parseDate(closedText) : null;
  if (closedText && !closedAt) throw fail('query_closed_time', `"${row.query_closed_time}" is not a date`);
  if (status === 'Closed' && !closedAt) throw fail('query_closed_time', 'is empty on a Closed row');
  if (closedAt && closedAt.getTime() < createdAt.getTime())
    throw fail('query_closed_time', 'is before query_created_time');
  const email = row.client_email.trim().toLowerCase();
  const mobile = row.client_mobile.trim();
  const emailValid = parseFlag(row.email_valid, () => fail('email_valid', 'must be true or false'));
  const mobileValid = parseFlag(row.mobile_valid, () => fail('mobile_valid', 'must be true or false'));
  return {
    externalRef,
    clientEmail: email || UNKNOWN_CLIENT_EMAIL,
    emailValid: emailValid && email !== '',
    mobile: mobile || null,
    mobileValid: mobileValid && mobile !== '',
    category,
    description,
    status,
    createdAt,
    closedAt,
  };
}

function parseFlag(text: string, fail: () => Error): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw fail();
}
