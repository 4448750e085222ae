import { hash, verify, Algorithm } from '@node-rs/argon2';
import type { PasswordHasher } from '../../core/ports/password-hasher';

/** argon2id with OWASP's minimum settings (19 MiB, 2 passes): about 10 ms a hash on this class of machine. */
export function argon2Hasher(opts: { memoryCost?: number; timeCost?: number } = {}): PasswordHasher {
  const params = {
    algorithm: Algorithm.Argon2id,
    memoryCost: opts.memoryCost ?? 19_456,
    timeCost: opts.timeCost ?? 2,
    parallelism: 1,
  };
  return {
    scheme: 'argon2id',
    hash: (password) => hash(password, params),
    verify: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        return false; // a malformed stored hash is a failed check, not a crash
      }
    },
  };
}
