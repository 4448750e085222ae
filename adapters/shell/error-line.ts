import { randomBytes } from 'node:crypto';
import { isCqmsError, ValidationFailed } from '../../core/errors';

/** Called with the reference shown to the user and the error itself, for the log; never shown. */
export type DefectSink = (ref: string, error: unknown) => void;

/**
 * The one line a failure becomes in the shell: core's typed errors keep their message (validation
 * issues name their fields); anything else is a defect, shown only as a reference, never as a stack.
 */
export function errorLine(e: unknown, onDefect?: DefectSink): string {
  if (e instanceof ValidationFailed) return e.issues.map((i) => (i.message.startsWith(i.field) ? i.message : `${i.field}: ${i.message}`)).join('; ');
  if (isCqmsError(e)) return e.message;
  const ref = randomBytes(4).toString('hex');
  onDefect?.(ref, e);
  return `unexpected error (ref ${ref})`;
}
