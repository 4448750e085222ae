import type { ChartRenderer } from '../../core/ports/chart-renderer';
import { LocalChartRenderer } from './local-chart-renderer';
import { QuickChartRenderer } from './quickchart-renderer';

/** QuickChart when a server URL is given (QUICKCHART_URL, read in bot/), else local rendering with no network. */
export function chartRenderer(opts: { quickchartUrl?: string; timeoutMs?: number }): ChartRenderer {
  const url = opts.quickchartUrl?.trim();
  return url ? new QuickChartRenderer({ url, timeoutMs: opts.timeoutMs }) : new LocalChartRenderer();
}
