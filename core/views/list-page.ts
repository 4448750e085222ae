import type { ButtonView, ListRow, ListView, View } from './view-model';

/** The widest a list cell is shown on Discord (longer cells end in `…`); the page sizes below count on it. */
export const LIST_CELL_MAX = 60;

/**
 * Rows per page for a list of `columns` columns, so that a full page of worst-case cells fits every surface:
 * - Discord draws a page as one embed description (4,096): a row is at most `columns` cells of LIST_CELL_MAX
 *   (after escaping) plus a flag and a separator each, about columns x 65 characters; 3,900 leaves room for the
 *   header line. Seven columns (the query lists) give 8 rows, six (sla) 9, eight (the agents) 7.
 * - Slack cuts a cell at 300 escaped characters and splits the page into 3,000-character sections: 15 rows of
 *   eight columns are under 40,000 characters, 14 sections, far inside a message's 50 blocks.
 */
export function rowsPerPage(columns: number): number {
  return Math.max(1, Math.min(15, Math.floor(3900 / (columns * (LIST_CELL_MAX + 5) + 4))));
}

/** The 1-based page asked for, brought within 1..pages (a page past the end shows the last one). */
export function pageWithin(asked: unknown, pages: number): number {
  const n = typeof asked === 'number' ? asked : Number(asked);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, pages) : 1;
}

/**
 * A list computed whole (sla, history, the agents) shown a page at a time, with Previous and Next buttons whose
 * ids `button` encodes (action-id.ts).
 */
export function pagedList(
  title: string,
  columns: ReadonlyArray<readonly [string, string]>,
  rows: readonly ListRow[],
  empty: string,
  page: unknown,
  button: (page: number) => string,
): ListView {
  const size = rowsPerPage(columns.length);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = pageWithin(page, pages);
  const view: ListView = {
    kind: 'list',
    title,
    columns: columns.map(([key, label]) => ({ key, label })),
    rows: rows.slice((p - 1) * size, p * size),
    page: p,
    pages,
    total: rows.length,
    empty,
  };
  return withPaging(view, button);
}

/** Previous and Next on a page that has neighbours. */
export function withPaging(view: ListView, button: (page: number) => string): ListView {
  const prev: ButtonView | undefined =
    view.page > 1 ? { label: '< Previous', actionId: button(view.page - 1) } : undefined;
  const next: ButtonView | undefined =
    view.page < view.pages ? { label: 'Next >', actionId: button(view.page + 1) } : undefined;
  return { ...view, ...(prev ? { prev } : {}), ...(next ? { next } : {}) };
}

/** A list with Previous or Next: its page buttons replace the message it is in, so it needs one of its own. */
export function isPaged(v: View): boolean {
  return v.kind === 'list' && (v.prev !== undefined || v.next !== undefined);
}

/** A reply's views in runs to send as separate messages: each paged list alone, the views between it kept together. */
export function pagedListsAlone(views: readonly View[]): View[][] {
  const runs: View[][] = [];
  let cur: View[] = [];
  for (const v of views) {
    if (!isPaged(v)) {
      cur.push(v);
      continue;
    }
    if (cur.length) runs.push(cur);
    runs.push([v]);
    cur = [];
  }
  if (cur.length || runs.length === 0) runs.push(cur);
  return runs;
}
