import type { UserRecord } from '../domain/user';
import type { DeskDeps } from '../desk/desk-deps';
import { AccountLocked, InvalidCredentials } from '../errors';
import { parseInput } from '../schemas/parse-input';
import { loginSchema } from '../schemas/auth-input';
import { verifyLegacySha256 } from './legacy-sha256';
import { classifyLogin } from './login-kind';

/** A hash to verify against when the account does not exist, so timing does not reveal which logins exist. */
let decoyHash: Promise<string> | null = null;

/**
 * Username, email or mobile plus password. Five failures lock the account for the configured minutes;
 * a legacy SHA-256 hash is accepted once and replaced by the slow hash.
 */
export async function login(deps: DeskDeps, input: Record<string, unknown>): Promise<UserRecord> {
  const { login: who, password } = parseInput(loginSchema, input);
  const matches = await deps.store.users.findByLogin(classifyLogin(who));
  const user = matches.length === 1 ? matches[0] : undefined;
  if (!user || !user.passwordHash) {
    decoyHash ??= deps.hasher.hash('decoy password that never matches');
    await deps.hasher.verify(await decoyHash, password);
    throw new InvalidCredentials();
  }
  const now = deps.clock.now();
  if (user.lockedUntil && user.lockedUntil > now) throw new AccountLocked(user.lockedUntil);
  if (user.lockedUntil) await deps.store.users.clearFailedLogins(user.id);

  const ok =
    user.passwordScheme === 'sha256-legacy'
      ? verifyLegacySha256(user.passwordHash, password)
      : await deps.hasher.verify(user.passwordHash, password);
  if (!ok) {
    // Counted atomically in the store, so parallel guesses cannot all see "first failure".
    const failures = await deps.store.users.recordFailedLogin(user.id);
    if (failures >= deps.config.maxFailedLogins) {
      const until = new Date(now.getTime() + deps.config.lockMinutes * 60_000);
      await deps.store.users.lock(user.id, until);
      throw new AccountLocked(until);
    }
    throw new InvalidCredentials();
  }
  if (user.failedLogins > 0) await deps.store.users.clearFailedLogins(user.id);
  if (user.passwordScheme !== deps.hasher.scheme) {
    await deps.store.users.setPassword(user.id, await deps.hasher.hash(password), deps.hasher.scheme);
  }
  return (await deps.store.users.findById(user.id)) ?? user;
}
