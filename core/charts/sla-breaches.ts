import type { TeamAnalytics } from '../analytics/analytics-types';
import type { ChartSpec } from './chart-spec';
import { chartSpec, countAxis, noDataSpec } from './chart-kit';
import { SERIES_COLOURS } from './palette';

const ID = 'sla-breaches-by-category';
const TITLE = 'SLA breaches by category';

/** First-response and resolution breaches per category, side by side. */
export function slaBreachesChart(a: Pick<TeamAnalytics, 'categories'>): ChartSpec {
  if (a.categories.length === 0) return noDataSpec(ID, TITLE, 'bar');
  const sum = (pick: (c: (typeof a.categories)[number]) => number) => a.categories.reduce((s, c) => s + pick(c), 0);
  const perCategory = a.categories.map(
    (c) => `${c.category} ${c.firstResponseBreaches} first response, ${c.resolutionBreaches} resolution`,
  );
  return chartSpec({
    id: ID,
    title: TITLE,
    altText:
      `${TITLE}: ${perCategory.join('; ')}. ` +
      `In total ${sum((c) => c.firstResponseBreaches)} first response, ${sum((c) => c.resolutionBreaches)} resolution.`,
    type: 'bar',
    labels: a.categories.map((c) => c.category),
    datasets: [
      {
        label: 'First response',
        data: a.categories.map((c) => c.firstResponseBreaches),
        backgroundColor: SERIES_COLOURS.firstResponse,
      },
      {
        label: 'Resolution',
        data: a.categories.map((c) => c.resolutionBreaches),
        backgroundColor: SERIES_COLOURS.resolution,
      },
    ],
    options: { scales: { y: countAxis('breaches') } },
  });
}
