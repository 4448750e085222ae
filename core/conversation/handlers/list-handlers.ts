import type { DeskDeps } from '../../desk/desk-deps';
import type { Actor } from '../../domain/actor';
import type { QueryRecord } from '../../domain/query';
import { ValidationFailed } from '../../errors';
import { listQueries, type ListScope } from '../../queries/list-queries';
import { ephemeral, type FileView } from '../../views/view-model';
import { toCsv } from '../csv';
import { actorOf, pick, type Args, type Handler } from '../handler';
import type { ListFilter } from '../list-filter-code';
import { QUERY_LIST_COLUMNS, queryListView } from '../query-list-view';
import { rowsPerPage } from '../../views/list-page';
import type { Surface } from '../surface';

const FILTER_KEYS = ['status', 'category', 'from', 'to'] as const;
/** Exports stop here; narrow the filter for more. */
export const EXPORT_LIMIT = 50_000;

async function assigneesOf(deps: DeskDeps, rows: readonly QueryRecord[]) {
  const ids = rows.flatMap((q) => (q.assigneeId === null ? [] : [q.assigneeId]));
  return new Map((await deps.store.users.findByIds(ids)).map((u) => [u.id, u]));
}

function filterOf(args: Args): ListFilter {
  return pick(args, FILTER_KEYS) as ListFilter;
}

/** One page of a list, with paging buttons that carry the filter. */
export async function listPage(deps: DeskDeps, actor: Actor, scope: ListScope, args: Args, surface: Surface) {
  const list = await listQueries(deps, actor, scope, {
    ...pick(args, [...FILTER_KEYS, 'page']),
    pageSize: rowsPerPage(QUERY_LIST_COLUMNS),
  });
  return queryListView(
    scope,
    list,
    filterOf(args),
    deps.config.categories,
    await assigneesOf(deps, list.rows),
    surface,
  );
}

export const listHandler =
  (scope: ListScope): Handler =>
  async (ctx, args) => {
    if (args.format !== undefined && args.format !== '') {
      if (String(args.format).toLowerCase() !== 'csv')
        throw ValidationFailed.field('format', 'the only export format is csv');
      return ephemeral(await exportCsv(ctx.deps, actorOf(ctx), scope, args));
    }
    return ephemeral(await listPage(ctx.deps, actorOf(ctx), scope, args, ctx.conv.surface));
  };

export async function exportCsv(deps: DeskDeps, actor: Actor, scope: ListScope, args: Args): Promise<FileView> {
  const rows: QueryRecord[] = [];
  for (let page = 1; rows.length < EXPORT_LIMIT; page++) {
    const list = await listQueries(deps, actor, scope, { ...pick(args, FILTER_KEYS), page, pageSize: 100 });
    rows.push(...list.rows);
    if (page >= list.pages) break;
  }
  const assignees = await assigneesOf(deps, rows);
  const csv = toCsv(
    [
      'query_id',
      'status',
      'category',
      'heading',
      'description',
      'mobile',
      'mobile_valid',
      'assignee',
      'created_at',
      'claimed_at',
      'closed_at',
      'resolution_hours',
      'resolution_note',
    ],
    rows.map((q) => [
      q.externalRef ?? q.id,
      q.status,
      q.category,
      q.heading,
      q.description,
      q.mobile,
      q.mobileValid ? 'true' : 'false',
      q.assigneeId === null ? null : (assignees.get(q.assigneeId)?.username ?? String(q.assigneeId)),
      q.createdAt.toISOString(),
      q.claimedAt?.toISOString() ?? null,
      q.closedAt?.toISOString() ?? null,
      q.resolutionMs === null ? null : (q.resolutionMs / 3_600_000).toFixed(2),
      q.resolutionNote,
    ]),
  );
  return {
    kind: 'file',
    title: `${rows.length} queries`,
    filename: `cqms-${scope}-${new Date().toISOString().slice(0, 10)}.csv`,
    contentType: 'text/csv',
    data: new TextEncoder().encode(csv),
  };
}

export const exportAll: Handler = async (ctx, args) => ephemeral(await exportCsv(ctx.deps, actorOf(ctx), 'all', args));
