import type { Role } from '../domain/roles';
import type { FormId } from '../views/view-model';

/** Typed options; each surface maps them to its native inputs (Slack modal blocks, Discord option types). */
export type OptionType =
  | 'string'
  | 'text'
  | 'integer'
  | 'query'
  | 'category'
  | 'status'
  | 'date'
  | 'agent'
  | 'attachment'
  | 'rating'
  | 'secret'
  | 'bucket';

export interface OptionSpec {
  name: string;
  description: string;
  type: OptionType;
  required: boolean;
  /** Filled from bare words in order (`claim 42`), besides name=value. */
  positional?: boolean;
  /** The last positional option takes every bare word left, joined by spaces: `reply 42 it works now`. */
  rest?: boolean;
  maxLength?: number;
}

/** Who may run a command: guests (not signed in) only for sign-in and help. */
export type Audience = 'guest' | 'anyone' | readonly Role[];

export interface CommandSpec {
  name: string;
  summary: string;
  audience: Audience;
  options: readonly OptionSpec[];
  /** Surfaces with forms open this form when a required option is missing. */
  form?: FormId;
  /** Work that may take seconds (analytics, exports): surfaces defer their acknowledgement. */
  slow?: boolean;
  /** Changes nothing stored: surfaces need not refresh what shows the user's work (Slack's App Home). */
  readOnly?: boolean;
}

export function audienceAllows(a: Audience, role: Role | null): boolean {
  if (a === 'guest') return true;
  if (role === null) return false;
  return a === 'anyone' || a.includes(role);
}
