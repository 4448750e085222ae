import type { DeskDeps } from '../../core/desk/desk-deps';
import type { Actor } from '../../core/domain/actor';
import type { Role } from '../../core/domain/roles';
import type { Store } from '../../core/ports/store';
import { TEAM } from '../slack/slack-driver';
import { makeActor } from './test-desk';

/** Links an account to a Slack user of the test team, as the account's first sign-in from Slack would. */
export async function linkSlackUser(
  store: Pick<Store, 'identities'>,
  userId: number,
  slackUserId: string,
): Promise<void> {
  await store.identities.link({
    platform: 'slack',
    workspaceId: TEAM,
    platformUserId: slackUserId,
    userId,
    linkedAt: new Date(),
  });
}

/** Creates an account and links it to a Slack user of the test team. */
export async function slackMember(deps: DeskDeps, role: Role, username: string, slackUserId: string): Promise<Actor> {
  const actor = await makeActor(deps, role, username);
  await linkSlackUser(deps.store, actor.userId, slackUserId);
  return actor;
}
