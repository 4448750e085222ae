import type { TeamAnalytics } from '../analytics/analytics-types';
import type { ChartSpec } from './chart-spec';
import { chartSpec, hoursText, noDataSpec, round1 } from './chart-kit';
import { STATUS_COLOURS } from './palette';

const ID = 'agent-median-resolution';
const TITLE = 'Median resolution time per agent';

/** Horizontal bars of each agent's median resolution hours; an agent with nothing closed has no bar. */
export function agentMedianResolutionChart(a: Pick<TeamAnalytics, 'agents'>): ChartSpec {
  if (a.agents.length === 0) return noDataSpec(ID, TITLE, 'bar');
  const text = a.agents.map((g) =>
    g.resolution.medianHours === null ? `${g.name} none resolved` : `${g.name} ${hoursText(g.resolution.medianHours)} (${g.resolution.count} resolved)`,
  );
  return chartSpec({
    id: ID,
    title: TITLE,
    altText: `${TITLE}: ${text.join('; ')}.`,
    type: 'bar',
    labels: a.agents.map((g) => g.name),
    datasets: [{ label: 'Median resolution (h)', data: a.agents.map((g) => round1(g.resolution.medianHours)), backgroundColor: STATUS_COLOURS.Closed }],
    options: {
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, title: { display: true, text: 'hours' } } },
      plugins: { legend: { display: false } },
    },
  });
}
