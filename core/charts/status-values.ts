import type { StatusCounts } from '../analytics/analytics-types';
import { QUERY_STATUSES, type QueryStatus } from '../domain/status';

export function statusValues(c: StatusCounts): Record<QueryStatus, number> {
  return { Open: c.open, 'In Progress': c.inProgress, Closed: c.closed };
}

/** "2 open, 1 in progress, 3 closed" */
export function statusCountsText(c: StatusCounts): string {
  const v = statusValues(c);
  return QUERY_STATUSES.map((s) => `${v[s]} ${s.toLowerCase()}`).join(', ');
}
