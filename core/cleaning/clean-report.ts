import type { QueryStatus } from '../domain/status';
import type { CleanOutcome, RejectReason } from './row-cleaner';

/** The report's exact shape: every key is always present, a count that never happened is 0. */
export interface CleanReport {
  rows_in: number;
  rows_out: number;
  rejected: number;
  reasons: Record<RejectReason, number>;
  email_invalid: number;
  mobile_invalid: number;
  status: Record<QueryStatus, number>;
}

export function emptyReport(): CleanReport {
  return {
    rows_in: 0,
    rows_out: 0,
    rejected: 0,
    reasons: { duplicate: 0, status: 0, missing: 0, date: 0 },
    email_invalid: 0,
    mobile_invalid: 0,
    status: { Open: 0, 'In Progress': 0, Closed: 0 },
  };
}

/** Counts one outcome; the flag and status counts describe the cleaned output, not the rejects. */
export function countOutcome(report: CleanReport, outcome: CleanOutcome): void {
  report.rows_in += 1;
  if (outcome.kind === 'rejected') {
    report.rejected += 1;
    report.reasons[outcome.reason] += 1;
    return;
  }
  report.rows_out += 1;
  report.status[outcome.status] += 1;
  if (!outcome.emailValid) report.email_invalid += 1;
  if (!outcome.mobileValid) report.mobile_invalid += 1;
}

/** The same figures as the JSON, for a terminal. */
export function describeReport(r: CleanReport): string[] {
  const reasons = Object.entries(r.reasons)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const statuses = Object.entries(r.status)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `rows in ${r.rows_in}, out ${r.rows_out}, rejected ${r.rejected} (${reasons})`,
    `flagged: ${r.email_invalid} invalid email(s), ${r.mobile_invalid} invalid mobile(s)`,
    `status: ${statuses}`,
  ];
}
