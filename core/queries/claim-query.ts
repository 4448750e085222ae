import type { Actor } from '../domain/actor';
import type { QueryRecord } from '../domain/query';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { applyTransition } from './apply-transition';
import { loadQuery } from './load-query';

/** Exactly one of many concurrent claimers wins; the others get AlreadyClaimed naming the winner. */
export async function claimQuery(deps: DeskDeps, actor: Actor, queryId: number): Promise<QueryRecord> {
  authorize(actor, 'query.claim');
  const query = await loadQuery(deps.store, queryId);
  const now = deps.clock.now();
  return applyTransition(deps, {
    query,
    actor,
    transition: 'claim',
    patch: { assigneeId: actor.userId, claimedAt: now, firstResponseMsIfUnset: now.getTime() - query.createdAt.getTime() },
  });
}
