import type { ClientAnalytics } from '../analytics/analytics-types';
import { QUERY_STATUSES } from '../domain/status';
import type { ChartSpec } from './chart-spec';
import { chartSpec, noDataSpec } from './chart-kit';
import { STATUS_COLOURS } from './palette';
import { statusCountsText, statusValues } from './status-values';

const ID = 'status-split';
const TITLE = 'Open vs closed';

/** A doughnut of the totals by status. */
export function statusSplitChart(a: Pick<ClientAnalytics, 'totals'>): ChartSpec {
  if (a.totals.total === 0) return noDataSpec(ID, TITLE, 'doughnut');
  const v = statusValues(a.totals);
  return chartSpec({
    id: ID,
    title: TITLE,
    altText: `${TITLE}: ${a.totals.total} queries, ${statusCountsText(a.totals)}.`,
    type: 'doughnut',
    labels: [...QUERY_STATUSES],
    datasets: [
      {
        label: 'Queries',
        data: QUERY_STATUSES.map((s) => v[s]),
        backgroundColor: QUERY_STATUSES.map((s) => STATUS_COLOURS[s]),
      },
    ],
  });
}
