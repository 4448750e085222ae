import type { Actor } from '../domain/actor';
import type { QueryRecord } from '../domain/query';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { parseInput } from '../schemas/parse-input';
import { closeQuerySchema } from '../schemas/query-input';
import { transitionReadQuery } from './transition-read-query';
import { loadQuery } from './load-query';

export async function closeQuery(
  deps: DeskDeps,
  actor: Actor,
  input: { queryId: unknown; note: unknown },
): Promise<QueryRecord> {
  const { queryId, note } = parseInput(closeQuerySchema, input);
  const query = await loadQuery(deps.store, queryId);
  authorize(actor, 'query.close', query);
  const now = deps.clock.now();
  return transitionReadQuery(deps, actor, query, 'close', {
    // The store computes resolutionMs from resolvedAt, leaving out the time staff waited on the client.
    patch: { closedAt: now, resolutionNote: note, resolvedAt: now },
    expect: { assigneeId: actor.userId },
  });
}
