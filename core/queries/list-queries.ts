import type { Actor } from '../domain/actor';
import type { PageOf, QueryFilter, QueryRecord } from '../domain/query';
import type { QueryStatus } from '../domain/status';
import { authorize } from '../authz/policy';
import type { Action } from '../authz/actions';
import type { DeskDeps } from '../desk/desk-deps';
import { parseInput } from '../schemas/parse-input';
import { queryFilterSchema } from '../schemas/query-input';

/** The lists each role works from; the scope fixes who and which statuses, the filter narrows it. */
export type ListScope = 'mine' | 'queue' | 'working' | 'closed' | 'all';

const SCOPES: Record<ListScope, { action: Action; statuses?: QueryStatus[] }> = {
  mine: { action: 'query.listOwn' },
  queue: { action: 'query.queue', statuses: ['Open'] },
  working: { action: 'query.queue', statuses: ['In Progress'] },
  closed: { action: 'query.queue', statuses: ['Closed'] },
  all: { action: 'query.export' },
};

export interface QueryList extends PageOf<QueryRecord> {
  page: number;
  pageSize: number;
  pages: number;
}

export async function listQueries(
  deps: DeskDeps,
  actor: Actor,
  scope: ListScope,
  input: Record<string, unknown> = {},
): Promise<QueryList> {
  const spec = SCOPES[scope];
  authorize(actor, spec.action);
  const f = parseInput(queryFilterSchema, input);
  const filter: QueryFilter = {};
  if (scope === 'mine') filter.clientId = actor.userId;
  if (scope === 'working' || scope === 'closed') filter.assigneeId = actor.userId;
  const statuses = spec.statuses ?? (f.status ? [f.status] : undefined);
  if (statuses) filter.status = f.status && spec.statuses && !spec.statuses.includes(f.status) ? [] : statuses;
  if (f.category) filter.category = f.category;
  if (f.from) filter.from = f.from;
  if (f.to) filter.to = f.to;
  const { rows, total } = await deps.store.queries.list(filter, {
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { rows, total, page: f.page, pageSize: f.pageSize, pages: Math.max(1, Math.ceil(total / f.pageSize)) };
}
