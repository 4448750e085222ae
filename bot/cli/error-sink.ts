import { randomBytes } from 'node:crypto';
import { isCqmsError, ValidationFailed } from '../../core/errors';
import { EnvironmentError } from '../environment';

/** The one place a CLI failure becomes text: a clear line for the user, detail only when asked for. */
export function describeCliError(e: unknown, debug: boolean): { message: string; detail?: string } {
  if (e instanceof ValidationFailed) return { message: `invalid input: ${e.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}` };
  if (e instanceof EnvironmentError && e.problems.length > 1) return { message: `invalid configuration, ${e.problems.length} problems:\n${e.problems.map((p) => `  - ${p}`).join('\n')}` };
  if (isCqmsError(e) || e instanceof EnvironmentError || e instanceof UsageError) return { message: e.message };
  const ref = randomBytes(4).toString('hex');
  const text = e instanceof Error ? e.message : String(e);
  return {
    message: `unexpected error (ref ${ref}): ${text.split('\n')[0]}`,
    ...(debug && e instanceof Error && e.stack ? { detail: e.stack } : {}),
  };
}

/** A mistake in how a command was called (a missing file, a bad flag value). */
export class UsageError extends Error {}
