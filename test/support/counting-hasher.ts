import type { PasswordHasher } from '../../core/ports/password-hasher';

export interface CheckCount {
  /** The passwords the hasher was asked to verify, in order. */
  checked: string[];
  /** Resolves once `n` verifies have started. */
  whenChecked(n: number): Promise<void>;
}

/** Counts the passwords a hasher checks, in place, so a desk already wired with it (a running bot) is counted too. */
export function countChecks(hasher: PasswordHasher): CheckCount {
  const verify = hasher.verify.bind(hasher);
  const checked: string[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  hasher.verify = (stored, password) => {
    checked.push(password);
    for (const w of waiting) if (checked.length >= w.n) w.resolve();
    return verify(stored, password);
  };
  return {
    checked,
    whenChecked: (n) =>
      checked.length >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve })),
  };
}
