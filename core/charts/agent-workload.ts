import type { TeamAnalytics } from '../analytics/analytics-types';
import type { ChartSpec } from './chart-spec';
import { chartSpec, countAxis, noDataSpec } from './chart-kit';
import { SERIES_COLOURS, STATUS_COLOURS } from './palette';

const ID = 'agent-workload';
const TITLE = 'Workload per agent';

/** Handled, in progress and closed per agent, side by side. */
export function agentWorkloadChart(a: Pick<TeamAnalytics, 'agents'>): ChartSpec {
  if (a.agents.length === 0) return noDataSpec(ID, TITLE, 'bar');
  return chartSpec({
    id: ID,
    title: TITLE,
    altText: `${TITLE}: ${a.agents.map((g) => `${g.name} handled ${g.handled} (${g.inProgress} in progress, ${g.closed} closed)`).join('; ')}.`,
    type: 'bar',
    labels: a.agents.map((g) => g.name),
    datasets: [
      { label: 'Handled', data: a.agents.map((g) => g.handled), backgroundColor: SERIES_COLOURS.total },
      { label: 'In Progress', data: a.agents.map((g) => g.inProgress), backgroundColor: STATUS_COLOURS['In Progress'] },
      { label: 'Closed', data: a.agents.map((g) => g.closed), backgroundColor: STATUS_COLOURS.Closed },
    ],
    options: { scales: { y: countAxis('queries') } },
  });
}
