import type { QueryList, ListScope } from '../queries/list-queries';
import type { UserRecord } from '../domain/user';
import { encodeAction } from '../views/action-id';
import { withPaging } from '../views/list-page';
import { STATUS_TONE, type ListView } from '../views/view-model';
import { encodeListFilter, type ListFilter } from './list-filter-code';
import { commandHint, type Surface } from './surface';

const COLUMNS = [
  { key: 'id', label: 'ID' },
  { key: 'status', label: 'Status' },
  { key: 'category', label: 'Category' },
  { key: 'heading', label: 'Heading' },
  { key: 'opened', label: 'Opened' },
  { key: 'assignee', label: 'Assignee' },
  { key: 'mobile', label: 'Mobile' },
] as const;

/** How many columns the query lists have: their page size (list-page.ts) is counted from it. */
export const QUERY_LIST_COLUMNS = COLUMNS.length;

const TITLES: Record<ListScope, string> = {
  mine: 'Your queries',
  queue: 'Open queue',
  working: 'Your queries in progress',
  closed: 'Queries you closed',
  all: 'Queries',
};

function emptyText(scope: ListScope, surface: Surface): string {
  switch (scope) {
    case 'mine':
      return `You have no queries matching this filter. Raise one with ${commandHint(surface, 'new')}.`;
    case 'queue':
      return 'The open queue is empty.';
    case 'working':
      return `You have nothing in progress. Pick something from the ${commandHint(surface, 'queue')}.`;
    case 'closed':
      return 'You have not closed any query matching this filter yet.';
    case 'all':
      return 'No queries match this filter.';
  }
}

export function queryListView(
  scope: ListScope,
  list: QueryList,
  filter: ListFilter,
  categories: readonly string[],
  assignees: ReadonlyMap<number, UserRecord>,
  surface: Surface,
): ListView {
  const code = encodeListFilter(filter, categories);
  const page = (p: number) => encodeAction({ kind: 'page', list: scope, page: p, filter: code });
  const view: ListView = {
    kind: 'list',
    title: `${TITLES[scope]} (${list.total})`,
    columns: [...COLUMNS],
    rows: list.rows.map((q) => ({
      queryId: q.id,
      tone: STATUS_TONE[q.status],
      ...(q.mobileValid ? {} : { flagged: ['mobile'] }),
      cells: {
        id: `#${q.id}`,
        status: q.status,
        category: q.category,
        heading: q.heading,
        opened: q.createdAt.toISOString().slice(0, 10),
        assignee: q.assigneeId === null ? '-' : (assignees.get(q.assigneeId)?.displayName ?? `#${q.assigneeId}`),
        mobile: q.mobile ? (q.mobileValid ? q.mobile : `${q.mobile} (invalid)`) : '-',
      },
    })),
    page: list.page,
    pages: list.pages,
    total: list.total,
    empty: emptyText(scope, surface),
  };
  return withPaging(view, page);
}
