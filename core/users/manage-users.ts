import { randomBytes } from 'node:crypto';
import type { Actor } from '../domain/actor';
import type { PageOf } from '../domain/query';
import { isStaff, ROLES, type Role } from '../domain/roles';
import { summarize, type UserRecord, type UserSummary } from '../domain/user';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { NotFound, ValidationFailed } from '../errors';
import { isSha256Hex } from '../auth/legacy-sha256';
import { registerUser } from '../auth/register-user';
import { classifyLogin } from '../auth/login-kind';

/** Who is managing users: a signed-in lead, or the operator at the command line. */
export type Manager = Actor | 'operator';

function check(by: Manager): void {
  if (by !== 'operator') authorize(by, 'users.manage');
}

function parseRole(role: string): Role {
  const r = role.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(r))
    throw ValidationFailed.field('role', `"${role}" is not a role; use one of: ${ROLES.join(', ')}`);
  return r as Role;
}

export async function addUser(
  deps: DeskDeps,
  by: Manager,
  input: Record<string, unknown> & { role?: string | undefined; legacySha256?: string | undefined },
): Promise<UserSummary> {
  check(by);
  const role = parseRole(input.role ?? 'client');
  const legacy = input.legacySha256;
  if (legacy !== undefined && !isSha256Hex(legacy))
    throw ValidationFailed.field('legacySha256', 'must be 64 hexadecimal characters');
  // A legacy account is registered with a throwaway password, then given the imported hash.
  const user = await registerUser(
    deps,
    legacy ? { ...input, password: randomBytes(24).toString('base64url') } : input,
    role,
  );
  if (legacy) await deps.store.users.setPassword(user.id, legacy.trim().toLowerCase(), 'sha256-legacy');
  if (isStaff(role))
    await deps.store.agents.upsert({
      userId: user.id,
      displayName: user.displayName,
      active: true,
      createdAt: user.createdAt,
    });
  return summarize(user);
}

export async function setUserRole(deps: DeskDeps, by: Manager, userId: number, role: string): Promise<UserSummary> {
  check(by);
  const r = parseRole(role);
  const user = await deps.store.users.findById(userId);
  if (!user) throw new NotFound('user', userId);
  await deps.store.transaction(async (tx) => {
    await tx.users.setRole(userId, r);
    if (isStaff(r))
      await tx.agents.upsert({ userId, displayName: user.displayName, active: true, createdAt: deps.clock.now() });
    else await tx.agents.setActive(userId, false);
  });
  return summarize({ ...user, role: r });
}

export async function listUsers(
  deps: DeskDeps,
  by: Manager,
  filter: { role?: string; page?: number; pageSize?: number },
): Promise<PageOf<UserSummary>> {
  check(by);
  const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 500);
  const page = Math.max(filter.page ?? 1, 1);
  const res = await deps.store.users.list(filter.role ? { role: parseRole(filter.role) } : {}, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { rows: res.rows.map(summarize), total: res.total };
}

/** The user an operator or lead names: `7`, `#7`, a username, an email or a mobile; null when none matches. */
export async function lookupUser(deps: DeskDeps, key: string): Promise<UserRecord | null> {
  const byId = /^#?\d{1,9}$/.test(key) ? await deps.store.users.findById(Number(key.replace('#', ''))) : null;
  if (byId) return byId;
  const [u] = await deps.store.users.findByLogin(classifyLogin(key));
  return u ?? null;
}

export async function findUser(deps: DeskDeps, key: string): Promise<UserSummary> {
  const u = await lookupUser(deps, key);
  if (!u) throw new NotFound('user', key);
  return summarize(u);
}
