import { newRef } from '../../core/errors';
import { slackErrorCode } from './slack-log';

/** Why a modal did not open, as the user can act on it. */
export type FormOpenCause = 'late' | 'refused' | 'unreachable';

export interface FormOpenFailure {
  cause: FormOpenCause;
  /** The reference shown to the user and written in the log line. */
  ref: string;
  /** For the user: what failed, whether running the command again helps, the reference. */
  text: string;
  /** For the log: the same reference and Slack's own answer. */
  logLine: string;
}

/** Slack's answers that mean the 3 s of the trigger_id ran out before views.open reached Slack. */
const LATE = new Set(['expired_trigger_id']);

function causeOf(e: unknown): FormOpenCause {
  const code = slackErrorCode(e);
  if (code) return LATE.has(code) ? 'late' : 'refused';
  const kind = (e as { code?: unknown } | null)?.code;
  const original = (e as { original?: { code?: unknown; message?: unknown } } | null)?.original;
  const timedOut =
    original?.code === 'ECONNABORTED' ||
    original?.code === 'ETIMEDOUT' ||
    /timeout/i.test(String(original?.message ?? ''));
  if (timedOut || kind === 'slack_webapi_rate_limited') return 'late';
  if (kind === 'slack_webapi_request_error' || kind === 'slack_webapi_http_error') return 'unreachable';
  // Not Slack's answer at all (no trigger_id, a view we could not build): ours, and not cured by a retry.
  return 'refused';
}

/**
 * A modal that failed to open, said by cause: the trigger ran out or Slack was slow (running the command again
 * helps), Slack refused the form (it will not: the fault is the desk's), Slack could not be reached (try again
 * shortly). `again` is how to retry: "run `/cqms new` again". The reference ties the message to its log line.
 */
export function formOpenFailure(e: unknown, formTitle: string, again: string): FormOpenFailure {
  const cause = causeOf(e);
  const ref = newRef();
  const form = `The ${formTitle.toLowerCase()} form`;
  const text = {
    late: `${form} could not be opened: Slack allows 3 seconds to open it and they ran out. Please ${again} (ref ${ref}).`,
    refused: `${form} could not be opened: Slack refused it, and running the command again will not help. This is a fault in the desk; please tell an administrator (ref ${ref}).`,
    unreachable: `${form} could not be opened: Slack could not be reached. Please ${again} in a moment (ref ${ref}).`,
  }[cause];
  const detail = slackErrorCode(e) ?? (e instanceof Error ? e.message : String(e));
  const pointers = (e as { data?: { response_metadata?: { messages?: unknown } } } | null)?.data?.response_metadata
    ?.messages;
  const logLine = `form ${formTitle} not opened (ref ${ref}, ${cause}): ${detail}${Array.isArray(pointers) ? ` ${pointers.join(' ')}` : ''}`;
  return { cause, ref, text, logLine };
}
