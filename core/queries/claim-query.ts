import type { Actor } from '../domain/actor';
import type { QueryRecord } from '../domain/query';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { applyTransition } from './apply-transition';

/**
 * Exactly one of many concurrent claimers wins; the others get AlreadyClaimed naming the winner. No read comes
 * before the conditional update: the query is read once, after it, for the answer and the notifications.
 */
export async function claimQuery(deps: DeskDeps, actor: Actor, queryId: number): Promise<QueryRecord> {
  authorize(actor, 'query.claim');
  const now = deps.clock.now();
  return applyTransition(deps, {
    queryId,
    actor,
    transition: 'claim',
    patch: { assigneeId: actor.userId, claimedAt: now, firstResponseAt: now },
  });
}
