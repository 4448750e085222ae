import type { Role } from '../domain/roles';
import type { UserRecord } from '../domain/user';
import type { DeskDeps } from '../desk/desk-deps';
import { Conflict } from '../errors';
import { parseInput } from '../schemas/parse-input';
import { registerSchema } from '../schemas/auth-input';

/** Clients register themselves; staff accounts are made the same way with another role by an operator. */
export async function registerUser(
  deps: DeskDeps,
  input: Record<string, unknown>,
  role: Role = 'client',
): Promise<UserRecord> {
  const data = parseInput(registerSchema, input);
  const taken = await deps.store.users.findByLogin({ username: data.username, email: data.email, mobile: data.mobile });
  for (const u of taken) {
    if (u.username === data.username) throw new Conflict('username', `The username "${data.username}" is taken.`);
    if (u.email === data.email)
      throw new Conflict('email', `An account with ${data.email} already exists; log in instead.`);
    if (u.mobile === data.mobile)
      throw new Conflict('mobile', `An account with mobile ${data.mobile} already exists; log in instead.`);
  }
  const passwordHash = await deps.hasher.hash(data.password);
  // The unique indexes still decide a registration race; the adapter turns the loser into a Conflict.
  return deps.store.users.insert({
    username: data.username,
    email: data.email,
    mobile: data.mobile,
    displayName: data.displayName || data.username,
    role,
    passwordHash,
    passwordScheme: deps.hasher.scheme,
    createdAt: deps.clock.now(),
  });
}
