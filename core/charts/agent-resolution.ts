import type { TeamAnalytics } from '../analytics/analytics-types';
import type { ChartSpec } from './chart-spec';
import { durationText, inUnit, unitForSeries } from '../views/duration';
import { chartSpec, noDataSpec } from './chart-kit';
import { STATUS_COLOURS } from './palette';

const ID = 'agent-median-resolution';
const TITLE = 'Median resolution time per agent';

/** Horizontal bars of each agent's median resolution, in the unit the longest reads in; an agent with nothing closed has no bar. */
export function agentMedianResolutionChart(a: Pick<TeamAnalytics, 'agents'>): ChartSpec {
  if (a.agents.length === 0) return noDataSpec(ID, TITLE, 'bar');
  const text = a.agents.map((g) =>
    g.resolution.medianHours === null
      ? `${g.name} none resolved`
      : `${g.name} ${durationText(g.resolution.medianHours)} (${g.resolution.count} resolved)`,
  );
  const unit = unitForSeries(a.agents.map((g) => g.resolution.medianHours));
  return chartSpec({
    id: ID,
    title: TITLE,
    altText: `${TITLE}: ${text.join('; ')}.`,
    type: 'bar',
    labels: a.agents.map((g) => g.name),
    datasets: [
      {
        label: `Median resolution (${unit.short})`,
        data: a.agents.map((g) => inUnit(g.resolution.medianHours, unit)),
        backgroundColor: STATUS_COLOURS.Closed,
      },
    ],
    options: {
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, title: { display: true, text: unit.name } } },
      plugins: { legend: { display: false } },
    },
  });
}
