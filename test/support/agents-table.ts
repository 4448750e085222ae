import { singlePageList, type ListView } from '../../core/views/view-model';

/** The team's agents as a table view (layout 'table'), as core lays it out: what each platform's renderer gets. */
export function agentsTable(rows: { agent: string; handled: string; avg: string }[]): ListView {
  const columns = [
    ['agent', 'Agent'],
    ['handled', 'Handled'],
    ['avg', 'Avg resolution'],
  ] as const;
  return {
    ...singlePageList(
      'Agents',
      columns,
      rows.map((cells) => ({ cells })),
      'none',
    ),
    layout: 'table',
  };
}
