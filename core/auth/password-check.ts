import { randomBytes } from 'node:crypto';
import type { PasswordScheme } from '../domain/user';
import type { PasswordHasher } from '../ports/password-hasher';
import { verifyLegacySha256 } from './legacy-sha256';

/**
 * One slow hash per hasher (its cost parameters are in the hash), of a random password: what a sign-in is
 * checked against when there is no slow hash to check, so every answer costs one full verify.
 */
const decoys = new WeakMap<PasswordHasher, Promise<string>>();

function decoyHash(hasher: PasswordHasher): Promise<string> {
  let decoy = decoys.get(hasher);
  if (!decoy) {
    decoy = hasher.hash(randomBytes(24).toString('base64'));
    decoys.set(hasher, decoy);
  }
  return decoy;
}

export interface StoredPassword {
  hash: string;
  scheme: PasswordScheme;
}

/**
 * Whether the password matches, at the same cost whatever is stored: exactly one slow verify for an account of the
 * hasher's scheme, for a legacy SHA-256 account (against the decoy, then the SHA-256 compared in constant time),
 * and for no account at all; so answer times do not tell which logins exist or which accounts are legacy.
 */
export async function checkPassword(
  hasher: PasswordHasher,
  stored: StoredPassword | null,
  password: string,
): Promise<boolean> {
  if (stored?.scheme === hasher.scheme) return hasher.verify(stored.hash, password);
  await hasher.verify(await decoyHash(hasher), password);
  return stored?.scheme === 'sha256-legacy' && verifyLegacySha256(stored.hash, password);
}
