import { DiscordAPIError } from 'discord.js';
import type { DiscordLog } from './discord-log';

/**
 * Why a form (a modal) did not open, each with its own remedy:
 * - late: our answer took longer than Discord's 3 s, so the interaction was deferred and a modal can no longer
 *   be its first answer (running it again usually works);
 * - expired: the modal reached Discord after the 3 s (10062): Discord has dropped the interaction, so the user
 *   cannot be told through it; only the log can;
 * - refused: Discord refused the modal (a 4xx such as 50035): our fault, running it again cannot help;
 * - unreachable: no answer from Discord (network, timeout, 5xx): running it again in a moment can help.
 */
export type FormFailure = 'late' | 'expired' | 'refused' | 'unreachable';

const UNKNOWN_INTERACTION = 10062;

export function formFailureOf(e: unknown): Exclude<FormFailure, 'late'> {
  if (e instanceof DiscordAPIError) {
    if (e.code === UNKNOWN_INTERACTION) return 'expired';
    if (e.status >= 400 && e.status < 500) return 'refused';
  }
  return 'unreachable';
}

export interface FailedForm {
  /** The form's title as the modal shows it. */
  title: string;
  /** How the user opens it again: "run /cqms new" or "press the button". */
  again: string;
  ref: string;
}

/** What the user is told; null when Discord no longer takes an answer on the interaction (expired). */
export function formFailureText(cause: FormFailure, f: FailedForm): string | null {
  switch (cause) {
    case 'late':
      return `The "${f.title}" form was not opened: getting it ready took longer than the 3 seconds Discord allows. Nothing was saved; ${f.again} again, it usually opens at once. (ref ${f.ref})`;
    case 'refused':
      return `Discord refused to open the "${f.title}" form. This is a fault in CQMS, not in anything you did, so running it again will not help: please tell your support team, quoting ref ${f.ref}.`;
    case 'unreachable':
      return `Discord could not be reached to open the "${f.title}" form. Nothing was saved; ${f.again} again in a moment. (ref ${f.ref})`;
    case 'expired':
      return null;
  }
}

/** The log line the reference points to, with the detail the user is not shown. */
export function logFormFailure(log: DiscordLog, cause: FormFailure, f: FailedForm, error?: unknown): void {
  const what = `the "${f.title}" form was not opened (ref ${f.ref})`;
  if (cause === 'late')
    log.warn(
      `${what}: the interaction was deferred after the ack budget, so a modal could no longer be its first answer`,
    );
  else if (cause === 'expired')
    log.warn(
      `${what}: the modal reached Discord after the interaction's 3 s window (10062); the user saw "This interaction failed"`,
    );
  else if (cause === 'refused') log.error(`${what}: Discord refused the modal: ${refusalDetail(error)}`, error);
  else
    log.error(
      `${what}: Discord could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      error,
    );
}

/** A 50035's field errors in one line ("data.title: Must be 45 or fewer in length."). */
function refusalDetail(e: unknown): string {
  if (!(e instanceof DiscordAPIError)) return String(e);
  return `${e.status} ${e.code} ${e.message.replace(/\s*\n\s*/g, '; ')}`;
}
