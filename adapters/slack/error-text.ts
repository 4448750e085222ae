import { randomBytes } from 'node:crypto';
import { Conflict, isCqmsError, ValidationFailed } from '../../core/errors';
import { ErrorCode } from '../../core/errors/error-codes';
import { ephemeral, text, type Reply } from '../../core/views/view-model';

/** Receives the reference shown to the user and the error itself; the detail goes to the log only. */
export type DefectSink = (ref: string, error: unknown) => void;

/**
 * The one place a failure becomes words on Slack: core's typed errors keep their message (validation
 * names the fields, a refused claim names the winner); anything else is a defect, shown as a reference.
 */
export function errorText(e: unknown, onDefect: DefectSink): string {
  if (e instanceof ValidationFailed) return e.issues.map(issueText).join('; ');
  if (isCqmsError(e)) return e.message;
  const ref = randomBytes(2).toString('hex').toUpperCase();
  onDefect(ref, e);
  return `Something went wrong (ref ${ref}). Nothing was changed; please try again.`;
}

export function errorReply(e: unknown, onDefect: DefectSink): Reply {
  const retryable = isCqmsError(e) && e.retryable;
  return ephemeral(text(errorText(e, onDefect), isCqmsError(e) && !retryable ? 'warning' : 'danger'));
}

export function issueText(i: { field: string; message: string }): string {
  return i.message.toLowerCase().startsWith(i.field.toLowerCase()) ? i.message : `${i.field}: ${i.message}`;
}

/** The input a non-field error belongs on, where the form has it. */
const FIELD_OF: Partial<Record<string, string>> = {
  [ErrorCode.InvalidCredentials]: 'password',
  [ErrorCode.AccountLocked]: 'login',
};

/**
 * A failed modal submission as `response_action: errors`: each issue on the input of its field (the block id
 * is the field name); an issue naming no input of this form, or an error that is not about a field, goes on
 * the first input with its field named.
 */
export function submissionErrors(e: unknown, blockIds: readonly string[], onDefect: DefectSink): Record<string, string> {
  const first = blockIds[0] ?? 'input';
  const errors: Record<string, string> = {};
  const add = (block: string, message: string) => {
    errors[block] = errors[block] ? `${errors[block]}; ${message}` : message;
  };
  const blockOf = (field: string) => (blockIds.includes(field) ? field : blockIds.find((b) => field.startsWith(`${b}.`)));
  if (e instanceof ValidationFailed) {
    for (const i of e.issues) {
      const block = blockOf(i.field);
      add(block ?? first, block ? i.message : issueText(i));
    }
    return errors;
  }
  if (e instanceof Conflict) {
    add(blockOf(e.field) ?? first, e.message);
    return errors;
  }
  const preferred = isCqmsError(e) ? FIELD_OF[e.code] : undefined;
  add(preferred && blockIds.includes(preferred) ? preferred : first, errorText(e, onDefect));
  return errors;
}
