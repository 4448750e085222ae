import type { Actor } from '../domain/actor';
import type { Platform } from '../domain/platform';
import type { DeskDeps } from '../desk/desk-deps';

export interface PlatformAccount {
  platform: Platform;
  workspaceId: string;
  platformUserId: string;
}

/** After a successful login, the chat account is remembered so the user signs in once. */
export async function linkIdentity(deps: DeskDeps, account: PlatformAccount, userId: number): Promise<void> {
  await deps.store.identities.link({ ...account, userId, linkedAt: deps.clock.now() });
}

export async function unlinkIdentity(deps: DeskDeps, account: PlatformAccount): Promise<void> {
  await deps.store.identities.unlink(account.platform, account.workspaceId, account.platformUserId);
}

/** The actor behind a chat account, or null when it is not linked to any CQMS account. */
export async function resolveActor(deps: DeskDeps, account: PlatformAccount): Promise<Actor | null> {
  const identity = await deps.store.identities.find(account.platform, account.workspaceId, account.platformUserId);
  if (!identity) return null;
  const user = await deps.store.users.findById(identity.userId);
  if (!user) return null;
  return { userId: user.id, username: user.username, role: user.role, platform: account.platform };
}
