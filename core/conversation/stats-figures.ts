import type { DurationStats, StatusCounts } from '../analytics/analytics-types';
import { durationText as h } from '../views/duration';
import type { CardField } from '../views/view-model';

export function statsFigures(t: StatusCounts, r: DurationStats): CardField[] {
  return [
    { label: 'Total', value: String(t.total), inline: true },
    { label: 'Open', value: String(t.open), inline: true },
    { label: 'In progress', value: String(t.inProgress), inline: true },
    { label: 'Closed', value: String(t.closed), inline: true },
    { label: 'Average resolution', value: h(r.avgHours), inline: true },
    { label: 'Median resolution', value: h(r.medianHours), inline: true },
    { label: 'p90 resolution', value: h(r.p90Hours), inline: true },
  ];
}
