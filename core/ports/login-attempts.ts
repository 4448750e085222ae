/** How many password checks a sign-in subject gets before it is locked, and for how long. */
export interface LockoutRule {
  maxFailures: number;
  lockMs: number;
}

export interface LoginAttempt {
  /** Whether this attempt may have its password checked. */
  granted: boolean;
  /** The subject's lock as the store holds it after this attempt (set by the attempt that took the last check). */
  lockedUntil: Date | null;
}

/**
 * Password checks counted per sign-in subject (an account, or the typed login when no account has it), across
 * every process sharing the store.
 */
export interface LoginAttemptRepo {
  /**
   * Takes one of the subject's checks before the password is checked, in one conditional write, so concurrent
   * guesses cannot all pass a lock that none has set yet: refused once `maxFailures` are taken and until the lock
   * they set runs out. The attempt that takes the last check sets the lock; a success clears it.
   */
  take(subject: string, now: Date, rule: LockoutRule): Promise<LoginAttempt>;
  /** Forgets the subject's attempts and lock (a correct password). */
  clear(subject: string): Promise<void>;
}
