import type { ClientAnalytics } from '../analytics/analytics-types';
import type { ChartSpec } from './chart-spec';
import { durationText, inUnit, unitForSeries } from '../views/duration';
import { chartSpec, countAxis, noDataSpec } from './chart-kit';
import { SERIES_COLOURS, STATUS_COLOURS } from './palette';

const ID = 'resolution-trend';
const TITLE = 'Resolution time trend';

/** Average resolution per period (left axis, in the unit its longest average reads in) with queries opened and closed (right axis). */
export function resolutionTrendChart(a: Pick<ClientAnalytics, 'trend'>): ChartSpec {
  if (a.trend.length === 0) return noDataSpec(ID, TITLE, 'line');
  const points = a.trend.map(
    (p) =>
      `${p.period} opened ${p.opened}, closed ${p.closed}, avg resolution ${durationText(p.avgResolutionHours, 'n/a')}`,
  );
  const unit = unitForSeries(a.trend.map((p) => p.avgResolutionHours));
  const line = (colour: string) => ({
    borderColor: colour,
    backgroundColor: colour,
    fill: false,
    tension: 0,
    pointRadius: 3,
  });
  return chartSpec({
    id: ID,
    title: TITLE,
    altText: `${TITLE}: ${points.join('; ')}.`,
    type: 'line',
    labels: a.trend.map((p) => p.period),
    datasets: [
      {
        label: `Avg resolution (${unit.short})`,
        data: a.trend.map((p) => inUnit(p.avgResolutionHours, unit)),
        yAxisID: 'duration',
        borderWidth: 3,
        ...line(SERIES_COLOURS.hours),
      },
      {
        label: 'Opened',
        data: a.trend.map((p) => p.opened),
        yAxisID: 'count',
        borderWidth: 2,
        ...line(STATUS_COLOURS.Open),
      },
      {
        label: 'Closed',
        data: a.trend.map((p) => p.closed),
        yAxisID: 'count',
        borderWidth: 2,
        ...line(STATUS_COLOURS.Closed),
      },
    ],
    options: {
      scales: {
        duration: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: unit.name } },
        count: countAxis('queries', { type: 'linear', position: 'right', grid: { drawOnChartArea: false } }),
      },
    },
  });
}
