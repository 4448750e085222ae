import type { DeskDeps } from '../../desk/desk-deps';
import type { Actor } from '../../domain/actor';
import { isStaff } from '../../domain/roles';
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

/** A duration column of the export: hours with two decimals, empty when there is none. */
const hoursCell = (ms: number | null) => (ms === null ? null : (ms / 3_600_000).toFixed(2));

type Cell = string | number | null;
type Column = readonly [header: string, cell: (q: QueryRecord, assignee: string | null) => Cell];

/** The export's columns, in order. */
const EXPORT_COLUMNS: readonly Column[] = [
  ['query_id', (q) => q.externalRef ?? q.id],
  ['status', (q) => q.status],
  ['category', (q) => q.category],
  ['heading', (q) => q.heading],
  ['description', (q) => q.description],
  ['mobile', (q) => q.mobile],
  ['mobile_valid', (q) => (q.mobileValid ? 'true' : 'false')],
  ['assignee', (_, assignee) => assignee],
  ['created_at', (q) => q.createdAt.toISOString()],
  ['claimed_at', (q) => q.claimedAt?.toISOString() ?? null],
  ['closed_at', (q) => q.closedAt?.toISOString() ?? null],
  ['resolution_hours', (q) => hoursCell(q.resolutionMs)],
  ['resolution_note', (q) => q.resolutionNote],
  // The first public staff message after creation, in the resolution's format.
  ['first_reply_hours', (q) => hoursCell(q.firstReplyMs)],
  // Every message, internal notes included: staff exports only, since a client never sees those notes.
  ['messages', (q) => q.messageCount],
];
const STAFF_ONLY: ReadonlySet<string> = new Set(['messages']);

export async function exportCsv(deps: DeskDeps, actor: Actor, scope: ListScope, args: Args): Promise<FileView> {
  const rows: QueryRecord[] = [];
  for (let page = 1; rows.length < EXPORT_LIMIT; page++) {
    const list = await listQueries(deps, actor, scope, { ...pick(args, FILTER_KEYS), page, pageSize: 100 });
    rows.push(...list.rows);
    if (page >= list.pages) break;
  }
  const assignees = await assigneesOf(deps, rows);
  const columns = EXPORT_COLUMNS.filter(([header]) => isStaff(actor.role) || !STAFF_ONLY.has(header));
  const csv = toCsv(
    columns.map(([header]) => header),
    rows.map((q) => {
      const assignee = q.assigneeId === null ? null : (assignees.get(q.assigneeId)?.username ?? String(q.assigneeId));
      return columns.map(([, cell]) => cell(q, assignee));
    }),
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
