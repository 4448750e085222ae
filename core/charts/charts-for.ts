import type { ClientAnalytics, TeamAnalytics } from '../analytics/analytics-types';
import type { ChartSpec } from './chart-spec';
import { agentMedianResolutionChart } from './agent-resolution';
import { agentWorkloadChart } from './agent-workload';
import { resolutionTrendChart } from './resolution-trend';
import { slaBreachesChart } from './sla-breaches';
import { statusSplitChart } from './status-split';
import { volumeByCategoryChart } from './volume-by-category';

/**
 * A client's charts, always the same three in this order; a chart with nothing to show is still returned,
 * titled "... (no data)" (see noDataSpec), never skipped.
 */
export function clientCharts(a: ClientAnalytics): ChartSpec[] {
  return [statusSplitChart(a), volumeByCategoryChart(a), resolutionTrendChart(a)];
}

/** A lead's charts, always the same six in this order; empty ones titled "... (no data)". */
export function teamCharts(a: TeamAnalytics): ChartSpec[] {
  return [
    statusSplitChart(a),
    volumeByCategoryChart(a),
    resolutionTrendChart(a),
    agentWorkloadChart(a),
    agentMedianResolutionChart(a),
    slaBreachesChart(a),
  ];
}
