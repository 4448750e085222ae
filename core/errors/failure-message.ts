import { randomBytes } from 'node:crypto';
import type { Tone } from '../views/view-model';
import { isCqmsError, ValidationFailed, type FieldIssue } from './errors';

/** Receives the reference shown to the user and the error itself; the detail goes to the log only. */
export type DefectSink = (ref: string, error: unknown) => void;

/** What a failure tells the user, whatever the surface: each surface renders it in its own format. */
export interface FailureMessage {
  /** The whole message on one line. */
  text: string;
  /** A validation failure's issues, each naming its field: for surfaces that show one per line or per input. */
  issues: FieldIssue[];
  /** warning: the request was refused as it stands; danger: it may work later, or the desk is at fault. */
  tone: Extract<Tone, 'warning' | 'danger'>;
  /** A defect's reference, also written in the log line that holds the detail. */
  ref?: string;
}

/** A short reference a user can quote, matching one log line. */
export function newRef(): string {
  return randomBytes(2).toString('hex').toUpperCase();
}

export function issueText(i: FieldIssue): string {
  return i.message.toLowerCase().startsWith(i.field.toLowerCase()) ? i.message : `${i.field}: ${i.message}`;
}

/**
 * The one place a failure becomes words: core's typed errors keep their message (validation names the fields,
 * a refused claim names the winner); anything else is a defect, shown only as a reference, never as detail.
 */
export function failureMessage(e: unknown, onDefect: DefectSink): FailureMessage {
  if (e instanceof ValidationFailed)
    return { text: e.issues.map(issueText).join('; '), issues: e.issues, tone: 'warning' };
  if (isCqmsError(e)) return { text: e.message, issues: [], tone: e.retryable ? 'danger' : 'warning' };
  const ref = newRef();
  onDefect(ref, e);
  return {
    text: `Something went wrong (ref ${ref}). Nothing was changed; please try again.`,
    issues: [],
    tone: 'danger',
    ref,
  };
}
