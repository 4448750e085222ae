import type { QueryStatus } from '../domain/status';
import type { CleanedRow, RawRow } from './columns';
import { parseDate } from './date-rule';
import { flagEmail } from './email-flag';
import { flagMobile } from './mobile-flag';
import { SeenIds } from './seen-ids';
import { normalizeStatus } from './status-rule';

export const REJECT_REASONS = ['duplicate', 'status', 'missing', 'date'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type CleanOutcome =
  | { kind: 'cleaned'; row: CleanedRow; status: QueryStatus; emailValid: boolean; mobileValid: boolean }
  | { kind: 'rejected'; reason: RejectReason };

const HOUR_MS = 3_600_000;

/**
 * Applies the cleaning rules to one row at a time, in the order the issue fixes (duplicate, status,
 * missing, date); the first failing check is the reason. It remembers every query_id it has seen,
 * the one thing that grows with the file: the duplicate rule needs it.
 */
export class RowCleaner {
  private readonly seen = new SeenIds();

  clean(raw: RawRow): CleanOutcome {
    const id = raw.query_id.trim();
    // A row without an id cannot be deduplicated or loaded idempotently: it counts as missing data.
    if (id !== '' && !this.seen.add(id)) return { kind: 'rejected', reason: 'duplicate' };
    const status = normalizeStatus(raw.status);
    if (!status) return { kind: 'rejected', reason: 'status' };
    const heading = raw.query_heading.trim();
    const description = raw.query_description.trim();
    if (id === '' || heading === '' || description === '') return { kind: 'rejected', reason: 'missing' };
    const dates = checkDates(raw, status);
    if (!dates) return { kind: 'rejected', reason: 'date' };
    const email = flagEmail(raw.client_email);
    const mobile = flagMobile(raw.client_mobile);
    const { opened, closed } = dates;
    return {
      kind: 'cleaned',
      status,
      emailValid: email.valid,
      mobileValid: mobile.valid,
      row: {
        query_id: id,
        client_email: email.email,
        email_valid: String(email.valid),
        client_mobile: mobile.mobile,
        mobile_valid: String(mobile.valid),
        query_heading: heading,
        query_description: description,
        status,
        query_created_time: opened.toISOString(),
        query_closed_time: closed ? closed.toISOString() : '',
        resolution_hours: status === 'Closed' && closed ? formatHours(closed.getTime() - opened.getTime()) : '',
      },
    };
  }
}

function checkDates(raw: RawRow, status: QueryStatus): { opened: Date; closed: Date | null } | null {
  const opened = parseDate(raw.date_opened);
  if (!opened) return null;
  const closedText = raw.date_closed.trim();
  if (closedText === '') return status === 'Closed' ? null : { opened, closed: null };
  const closed = parseDate(closedText);
  if (!closed || closed.getTime() < opened.getTime()) return null;
  return { opened, closed };
}

/** Up to four decimals, without float noise (36.5, not 36.50000000001). */
export function formatHours(ms: number): string {
  return String(Math.round((ms / HOUR_MS) * 10_000) / 10_000);
}
