import type { TeamAnalytics } from '../analytics/analytics-types';
import type { ChartSpec } from '../charts/chart-spec';
import { resolutionTrendChart } from '../charts/resolution-trend';
import { slaBreachesChart } from '../charts/sla-breaches';
import { statusSplitChart } from '../charts/status-split';
import { volumeByCategoryChart } from '../charts/volume-by-category';
import { conversationFigures } from '../conversation/stats-figures';
import { durationText } from '../views/duration';
import { ephemeral, singlePageList, type Reply } from '../views/view-model';
import type { DigestPeriod, DigestRange } from './digest-period';

/** How many categories a digest names. */
export const TOP_CATEGORIES = 5;

export interface DigestReport {
  reply: Reply;
  /** Volume, top categories, resolution and breaches, drawn by the digest job. */
  charts: ChartSpec[];
}

const stamp = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16);

/** The leads' digest of one period's queries (raised in it): figures, the top categories, and a chart for each. */
export function digestReport(period: DigestPeriod, range: DigestRange, a: TeamAnalytics): DigestReport {
  const breaches = a.sla.firstResponseBreaches + a.sla.resolutionBreaches;
  const top = [...a.categories]
    .sort((x, y) => y.total - x.total || x.category.localeCompare(y.category))
    .slice(0, TOP_CATEGORIES);
  const figures = [
    { label: 'Raised', value: String(a.totals.total), inline: true },
    { label: 'Closed', value: String(a.totals.closed), inline: true },
    { label: 'Still open', value: String(a.totals.open + a.totals.inProgress), inline: true },
    { label: 'Median resolution', value: durationText(a.resolution.medianHours), inline: true },
    {
      label: 'SLA breaches',
      value: `${breaches} (${a.sla.firstResponseBreaches} first response, ${a.sla.resolutionBreaches} resolution)`,
      inline: true,
    },
    ...conversationFigures(a.conversation),
  ];
  const categories = singlePageList(
    'Top categories',
    [
      ['category', 'Category'],
      ['raised', 'Raised'],
      ['closed', 'Closed'],
      ['breaches', 'Breaches'],
    ],
    top.map((c) => ({
      cells: {
        category: c.category,
        raised: String(c.total),
        closed: String(c.closed),
        breaches: String(c.firstResponseBreaches + c.resolutionBreaches),
      },
    })),
    'No query was raised in this period.',
  );
  const title = `${period === 'daily' ? 'Daily' : 'Weekly'} digest: ${stamp(range.from)} to ${stamp(range.to)} UTC`;
  return {
    // Posted in the leads channel: 'public' there; nothing in it names a client.
    reply: { ...ephemeral({ kind: 'stats', title, figures }, categories), visibility: 'public' },
    charts: [
      statusSplitChart(a),
      volumeByCategoryChart({ categories: top }),
      resolutionTrendChart(a),
      slaBreachesChart({ categories: top }),
    ],
  };
}
