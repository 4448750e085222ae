import { randomBytes } from 'node:crypto';
import { isCqmsError, ValidationFailed } from '../../core/errors';
import { ephemeral, text, type Reply } from '../../core/views/view-model';
import type { DefectSink } from './discord-log';

function issueText(i: { field: string; message: string }): string {
  return i.message.toLowerCase().startsWith(i.field.toLowerCase()) ? i.message : `${i.field}: ${i.message}`;
}

/** A short reference shown to the user and written in the log line that holds the detail. */
export function newRef(): string {
  return randomBytes(2).toString('hex').toUpperCase();
}

/**
 * The one place a failure becomes words on Discord (always ephemeral): validation names each field, core's
 * other typed errors keep their message (a refused claim names the winner); anything else is a defect, logged
 * with a reference the user is shown instead of any detail.
 */
export function errorReply(e: unknown, onDefect: DefectSink): Reply {
  if (e instanceof ValidationFailed) {
    const lines = e.issues.map((i) => `• ${issueText(i)}`);
    return ephemeral(text(e.issues.length === 1 ? issueText(e.issues[0]!) : `Please fix these fields:\n${lines.join('\n')}`, 'warning'));
  }
  if (isCqmsError(e)) return ephemeral(text(e.message, e.retryable ? 'danger' : 'warning'));
  const ref = newRef();
  onDefect(ref, e);
  return ephemeral(text(`Something went wrong (ref ${ref}). Nothing was changed; please try again.`, 'danger'));
}
