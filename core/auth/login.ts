import { createHash } from 'node:crypto';
import type { UserRecord } from '../domain/user';
import type { DeskDeps } from '../desk/desk-deps';
import { AccountLocked, InvalidCredentials } from '../errors';
import { parseInput } from '../schemas/parse-input';
import { loginSchema } from '../schemas/auth-input';
import { classifyLogin } from './login-kind';
import { checkPassword } from './password-check';

/**
 * Whose attempts a sign-in counts: the account's, whichever of its logins was typed; or, when no single account
 * has the login, the typed login's (hashed, so logins of no one are not kept), counted the same way.
 */
function attemptSubject(user: UserRecord | undefined, login: ReturnType<typeof classifyLogin>): string {
  if (user) return `user:${user.id}`;
  return `login:${createHash('sha256').update(JSON.stringify(login)).digest('hex')}`;
}

/**
 * Username, email or mobile plus password. Each attempt takes one of the subject's 5 checks in the store before
 * its password is checked, so no burst gets more than 5 wrong passwords checked, and the one taking the fifth
 * locks the account for the configured minutes; a correct password gives them back. A legacy SHA-256 hash is
 * accepted once and replaced by the slow hash. Unknown logins, wrong passwords and legacy accounts cost the same
 * slow verify and the same writes.
 */
export async function login(deps: DeskDeps, input: Record<string, unknown>): Promise<UserRecord> {
  const { login: who, password } = parseInput(loginSchema, input);
  const typed = classifyLogin(who);
  const matches = await deps.store.users.findByLogin(typed);
  const user = matches.length === 1 ? matches[0] : undefined;
  const subject = attemptSubject(user, typed);
  const now = deps.clock.now();
  const rule = { maxFailures: deps.config.maxFailedLogins, lockMs: deps.config.lockMinutes * 60_000 };

  const attempt = await deps.store.loginAttempts.take(subject, now, rule);
  // No lock read back: a right password cleared it just after this attempt was refused; the refusal stands.
  if (!attempt.granted) throw new AccountLocked(attempt.lockedUntil ?? new Date(now.getTime() + rule.lockMs));
  const stored =
    user?.passwordHash && user.passwordScheme ? { hash: user.passwordHash, scheme: user.passwordScheme } : null;
  const ok = await checkPassword(deps.hasher, stored, password);
  if (!user || !ok) {
    // The check that took the last of the five (this one or a concurrent one) has set the lock.
    if (attempt.lockedUntil && attempt.lockedUntil > now) throw new AccountLocked(attempt.lockedUntil);
    throw new InvalidCredentials();
  }
  await deps.store.loginAttempts.clear(subject);
  if (user.passwordScheme !== deps.hasher.scheme) {
    await deps.store.users.setPassword(user.id, await deps.hasher.hash(password), deps.hasher.scheme);
  }
  return (await deps.store.users.findById(user.id)) ?? user;
}
