import type { Actor } from '../domain/actor';
import type { AttachmentMeta } from '../domain/attachment';
import type { QueryEvent } from '../domain/event';
import type { QueryRecord } from '../domain/query';
import type { ReviewRecord } from '../domain/review';
import type { UserSummary } from '../domain/user';
import { summarize } from '../domain/user';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { loadQuery } from './load-query';

export interface QueryDetails {
  query: QueryRecord;
  client: UserSummary | null;
  assignee: UserSummary | null;
  attachments: AttachmentMeta[];
  review: ReviewRecord | null;
  events: QueryEvent[];
}

export async function getQuery(deps: DeskDeps, actor: Actor, queryId: number): Promise<QueryDetails> {
  const query = await loadQuery(deps.store, queryId);
  authorize(actor, 'query.view', query);
  const ids = [query.clientId, ...(query.assigneeId === null ? [] : [query.assigneeId])];
  const [users, attachments, review, events] = await Promise.all([
    deps.store.users.findByIds(ids),
    deps.store.attachments.forQuery(queryId),
    deps.store.reviews.forQuery(queryId),
    deps.store.events.forQuery(queryId),
  ]);
  const byId = new Map(users.map((u) => [u.id, summarize(u)]));
  return {
    query,
    client: byId.get(query.clientId) ?? null,
    assignee: query.assigneeId === null ? null : (byId.get(query.assigneeId) ?? null),
    attachments,
    review,
    events,
  };
}
