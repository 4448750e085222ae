import { CsvInputError } from '../../adapters/csv/csv-input-error';
import { isCqmsError, newRef, ValidationFailed } from '../../core/errors';
import { DatabaseStartError } from '../../adapters/storage/database-start-error';
import { EnvironmentError } from '../environment';
import { PlatformStartError } from '../platform-start-error';

/** The one place a CLI failure becomes text: a clear line for the user, detail only when asked for. */
export function describeCliError(e: unknown, debug: boolean): { message: string; detail?: string } {
  if (e instanceof ValidationFailed)
    return { message: `invalid input: ${e.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}` };
  if (e instanceof EnvironmentError && e.problems.length > 1)
    return {
      message: `invalid configuration, ${e.problems.length} problems:\n${e.problems.map((p) => `  - ${p}`).join('\n')}`,
    };
  if (
    isCqmsError(e) ||
    e instanceof EnvironmentError ||
    e instanceof UsageError ||
    e instanceof CommandFailed ||
    e instanceof CsvInputError
  )
    return { message: e.message };
  // What stopped a start: the operator's to fix, so the message is the whole answer (the cause is in it).
  if (e instanceof DatabaseStartError || e instanceof PlatformStartError) return { message: e.message };
  const ref = newRef();
  const text = e instanceof Error ? e.message : String(e);
  return {
    message: `unexpected error (ref ${ref}): ${text.split('\n')[0]}`,
    ...(debug && e instanceof Error && e.stack ? { detail: e.stack } : {}),
  };
}

/** A mistake in how a command was called (options that do not go together, a bad flag value): exit status 2. */
export class UsageError extends Error {}

/** A command that ran and could not do its work, said in one line (exit status 1). */
export class CommandFailed extends Error {}
