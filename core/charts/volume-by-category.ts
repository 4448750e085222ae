import type { ClientAnalytics } from '../analytics/analytics-types';
import { QUERY_STATUSES } from '../domain/status';
import type { ChartSpec } from './chart-spec';
import { chartSpec, countAxis, noDataSpec } from './chart-kit';
import { STATUS_COLOURS } from './palette';
import { statusCountsText, statusValues } from './status-values';

const ID = 'volume-by-category';
const TITLE = 'Queries by category';

/** One stacked bar per category, split by status. */
export function volumeByCategoryChart(a: Pick<ClientAnalytics, 'categories'>): ChartSpec {
  if (a.categories.length === 0) return noDataSpec(ID, TITLE, 'bar');
  return chartSpec({
    id: ID,
    title: TITLE,
    altText: `${TITLE}: ${a.categories.map((c) => `${c.category} ${c.total} (${statusCountsText(c)})`).join('; ')}.`,
    type: 'bar',
    labels: a.categories.map((c) => c.category),
    datasets: QUERY_STATUSES.map((s) => ({
      label: s,
      data: a.categories.map((c) => statusValues(c)[s]),
      backgroundColor: STATUS_COLOURS[s],
      stack: 'status',
    })),
    options: { scales: { x: { stacked: true }, y: countAxis('queries', { stacked: true }) } },
  });
}
