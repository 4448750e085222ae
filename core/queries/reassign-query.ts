import { withArticle } from '../views/words';
import type { Actor } from '../domain/actor';
import type { QueryRecord } from '../domain/query';
import { isStaff } from '../domain/roles';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { NotFound, ValidationFailed } from '../errors';
import { transitionReadQuery } from './transition-read-query';
import { loadQuery } from './load-query';

/** A lead hands an Open or In Progress query to an agent (or lead). */
export async function reassignQuery(
  deps: DeskDeps,
  actor: Actor,
  queryId: number,
  agentId: number,
): Promise<QueryRecord> {
  authorize(actor, 'query.reassign');
  const query = await loadQuery(deps.store, queryId);
  const agent = await deps.store.users.findById(agentId);
  if (!agent) throw new NotFound('agent', agentId);
  if (!isStaff(agent.role))
    throw ValidationFailed.field('agent', `${agent.username} is ${withArticle(agent.role)}, not an agent`);
  if (query.assigneeId === agentId)
    throw ValidationFailed.field('agent', `query #${queryId} is already assigned to ${agent.username}`);
  const now = deps.clock.now();
  return transitionReadQuery(deps, actor, query, 'reassign', {
    patch: { assigneeId: agentId, claimedAt: now, firstResponseAt: now },
    expect: { assigneeId: query.assigneeId },
    detail: { previousAssigneeId: query.assigneeId, assigneeId: agentId },
  });
}
