/** Every failure core can report; adapters map each code to a platform message. */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  NotAuthenticated: 'NOT_AUTHENTICATED',
  NotAuthorized: 'NOT_AUTHORIZED',
  NotFound: 'NOT_FOUND',
  AlreadyClaimed: 'ALREADY_CLAIMED',
  NotInState: 'NOT_IN_STATE',
  AlreadyReviewed: 'ALREADY_REVIEWED',
  ReopenWindowClosed: 'REOPEN_WINDOW_CLOSED',
  ConversationClosed: 'CONVERSATION_CLOSED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  AccountLocked: 'ACCOUNT_LOCKED',
  Conflict: 'CONFLICT',
  StoreUnavailable: 'STORE_UNAVAILABLE',
  StillWorking: 'STILL_WORKING',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
