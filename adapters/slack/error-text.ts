import { Conflict, failureMessage, isCqmsError, issueText, ValidationFailed, type DefectSink } from '../../core/errors';
import { ErrorCode } from '../../core/errors/error-codes';
import { ephemeral, text, type Reply } from '../../core/views/view-model';

/** A failure as Slack shows it: core's one message (core/errors/failure-message.ts), on one line. */
export function errorText(e: unknown, onDefect: DefectSink): string {
  return failureMessage(e, onDefect).text;
}

export function errorReply(e: unknown, onDefect: DefectSink): Reply {
  const m = failureMessage(e, onDefect);
  return ephemeral(text(m.text, m.tone));
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
export function submissionErrors(
  e: unknown,
  blockIds: readonly string[],
  onDefect: DefectSink,
): Record<string, string> {
  const first = blockIds[0] ?? 'input';
  const errors: Record<string, string> = {};
  const add = (block: string, message: string) => {
    errors[block] = errors[block] ? `${errors[block]}; ${message}` : message;
  };
  const blockOf = (field: string) =>
    blockIds.includes(field) ? field : blockIds.find((b) => field.startsWith(`${b}.`));
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
