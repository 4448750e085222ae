import type { Actor } from '../domain/actor';
import type { QueryRecord } from '../domain/query';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { transitionReadQuery } from './transition-read-query';
import { loadQuery } from './load-query';

/** Puts an In Progress query back in the Open queue (its assignee or a lead). */
export async function releaseQuery(deps: DeskDeps, actor: Actor, queryId: number): Promise<QueryRecord> {
  const query = await loadQuery(deps.store, queryId);
  authorize(actor, 'query.release', query);
  return transitionReadQuery(deps, actor, query, 'release', {
    patch: { assigneeId: null, claimedAt: null },
    expect: { assigneeId: query.assigneeId },
    detail: { previousAssigneeId: query.assigneeId },
  });
}
