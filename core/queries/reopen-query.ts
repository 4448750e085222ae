import type { Actor } from '../domain/actor';
import type { QueryRecord } from '../domain/query';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { ReopenWindowClosed } from '../errors';
import { transitionReadQuery } from './transition-read-query';
import { loadQuery } from './load-query';

const DAY_MS = 86_400_000;

/** The client who raised a query may reopen it within the configured window after closure. */
export async function reopenQuery(deps: DeskDeps, actor: Actor, queryId: number): Promise<QueryRecord> {
  const query = await loadQuery(deps.store, queryId);
  authorize(actor, 'query.reopen', query);
  const days = deps.config.reopenWindowDays;
  if (
    query.status === 'Closed' &&
    query.closedAt &&
    deps.clock.now().getTime() - query.closedAt.getTime() > days * DAY_MS
  ) {
    throw new ReopenWindowClosed(queryId, days);
  }
  return transitionReadQuery(deps, actor, query, 'reopen', {
    patch: {
      assigneeId: null,
      claimedAt: null,
      closedAt: null,
      resolutionNote: null,
      resolutionMs: null,
      reopenCount: query.reopenCount + 1,
    },
    detail: { previousAssigneeId: query.assigneeId, previousResolutionNote: query.resolutionNote },
  });
}
