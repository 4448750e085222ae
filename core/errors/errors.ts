import { capitalized, withArticle } from '../views/words';
import { ErrorCode } from './error-codes';
import type { QueryStatus } from '../domain/status';

/** Base of every error core throws on purpose; anything else is a defect. */
export abstract class CqmsError extends Error {
  abstract readonly code: ErrorCode;
  /** Whether retrying the same command later may succeed. */
  readonly retryable: boolean = false;
}

export interface FieldIssue {
  field: string;
  message: string;
}

export class ValidationFailed extends CqmsError {
  readonly code = ErrorCode.ValidationFailed;
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  }
  static field(field: string, message: string): ValidationFailed {
    return new ValidationFailed([{ field, message }]);
  }
}

export class NotAuthenticated extends CqmsError {
  readonly code = ErrorCode.NotAuthenticated;
  /** The message names the commands to sign in with, in the syntax of the surface that asked. */
  constructor(message: string) {
    super(message);
  }
}

export class NotAuthorized extends CqmsError {
  readonly code = ErrorCode.NotAuthorized;
  constructor(
    readonly action: string,
    readonly role: string,
    reason?: string,
  ) {
    super(reason ?? `${capitalized(withArticle(role))} may not ${action}.`);
  }
}

export class NotFound extends CqmsError {
  readonly code = ErrorCode.NotFound;
  constructor(
    readonly entity: string,
    readonly key: string | number,
  ) {
    super(`No ${entity} ${typeof key === 'number' ? `#${key}` : `"${key}"`} exists.`);
  }
}

export class AlreadyClaimed extends CqmsError {
  readonly code = ErrorCode.AlreadyClaimed;
  constructor(
    readonly queryId: number,
    readonly winner: { id: number; name: string } | null,
  ) {
    super(
      winner
        ? `Query #${queryId} is already claimed by ${winner.name}.`
        : `Query #${queryId} is no longer open for claiming.`,
    );
  }
}

export class NotInState extends CqmsError {
  readonly code = ErrorCode.NotInState;
  constructor(
    readonly queryId: number,
    readonly actual: QueryStatus,
    readonly expected: readonly QueryStatus[],
    readonly action: string,
  ) {
    super(`Cannot ${action} query #${queryId}: it is ${actual}, not ${expected.join(' or ')}.`);
  }
}

export class AlreadyReviewed extends CqmsError {
  readonly code = ErrorCode.AlreadyReviewed;
  constructor(readonly queryId: number) {
    super(`Query #${queryId} has already been rated.`);
  }
}

export class ReopenWindowClosed extends CqmsError {
  readonly code = ErrorCode.ReopenWindowClosed;
  constructor(
    readonly queryId: number,
    readonly days: number,
  ) {
    super(`Query #${queryId} was closed more than ${days} days ago and can no longer be reopened; raise a new query.`);
  }
}

/**
 * A query closed longer ago than the reopen window takes no more messages: the writer is told to raise a new
 * query (`newQuery`: how, in the syntax of the surface that asked).
 */
export class ConversationClosed extends CqmsError {
  readonly code = ErrorCode.ConversationClosed;
  constructor(
    readonly queryId: number,
    readonly days: number,
    newQuery: string,
  ) {
    super(`Query #${queryId} was closed more than ${days} days ago and takes no more messages; ${newQuery}.`);
  }
}

export class InvalidCredentials extends CqmsError {
  readonly code = ErrorCode.InvalidCredentials;
  constructor() {
    super('Unknown account or wrong password.');
  }
}

export class AccountLocked extends CqmsError {
  readonly code = ErrorCode.AccountLocked;
  constructor(readonly until: Date) {
    super(`Too many failed sign-ins: the account is locked until ${until.toISOString()}.`);
  }
}

export class Conflict extends CqmsError {
  readonly code = ErrorCode.Conflict;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a user is told while the database is away: the command did nothing, and trying again will work. */
export const STORE_UNAVAILABLE_TEXT =
  'The desk cannot reach its database right now; nothing was saved. Please try again in a moment.';
/** What a user is told when the bot, overloaded, refused a request without running it: trying again soon will work. */
export const DESK_BUSY_TEXT =
  'The desk is busy right now and did not run this; nothing was changed. Please try again in a few seconds.';
/** The connection was lost during the commit: the database may have kept the change, so a blind retry could repeat it. */
export const COMMIT_UNKNOWN_TEXT =
  'The desk lost its database while saving, so this may or may not have been saved. Please check before trying again.';

/**
 * The database is away (connection refused, reset or lost; no pooled connection within the acquire timeout).
 * Raised by the storage adapter; the transaction in progress was rolled back, so nothing half-done remains.
 * `commitUnknown`: the connection went during the COMMIT itself; the change is whole, but may be there.
 */
export class StoreUnavailable extends CqmsError {
  readonly code = ErrorCode.StoreUnavailable;
  override readonly retryable = true;
  constructor(
    cause?: unknown,
    readonly commitUnknown = false,
  ) {
    super(commitUnknown ? COMMIT_UNKNOWN_TEXT : STORE_UNAVAILABLE_TEXT, { cause });
  }
}

/**
 * The database was reachable and still computing when the bound on this kind of work was reached, so it was
 * stopped: not an outage, and the same request will take as long again; a narrower one is the way.
 */
export class StillWorking extends CqmsError {
  readonly code = ErrorCode.StillWorking;
  constructor(
    readonly work: string,
    readonly seconds: number,
    readonly hint: string,
  ) {
    super(
      `The database was still working on ${work} after ${seconds} s, so it was stopped; nothing is wrong with the desk. ${hint}`,
    );
  }
}

export function isCqmsError(e: unknown): e is CqmsError {
  return e instanceof CqmsError;
}
