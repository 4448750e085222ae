import type { ChartSpec } from '../../core/charts/chart-spec';
import type { ChartRenderer, RenderedChart } from '../../core/ports/chart-renderer';
import type { LocalChartRenderer } from './local-chart-renderer';
import { QuickChartRenderer } from './quickchart-renderer';

/** QuickChart when a server URL is given (QUICKCHART_URL, read in bot/), else local rendering with no network. */
export function chartRenderer(opts: { quickchartUrl?: string; timeoutMs?: number }): ChartRenderer {
  const url = opts.quickchartUrl?.trim();
  return url ? new QuickChartRenderer({ url, timeoutMs: opts.timeoutMs }) : new OnFirstChart();
}

/**
 * Chart.js and the canvas load on the first chart drawn: a bot whose charts a worker draws never loads them
 * (tens of MB of resident memory per process).
 */
class OnFirstChart implements ChartRenderer {
  private renderer: Promise<LocalChartRenderer> | undefined;
  async render(spec: ChartSpec): Promise<RenderedChart> {
    this.renderer ??= import('./local-chart-renderer.js').then((m) => new m.LocalChartRenderer());
    return (await this.renderer).render(spec);
  }
}
