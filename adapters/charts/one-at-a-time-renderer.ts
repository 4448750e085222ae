import type { ChartSpec } from '../../core/charts/chart-spec';
import type { ChartRenderer, RenderedChart } from '../../core/ports/chart-renderer';

/**
 * Draws one chart at a time and lets the event loop turn before each. Drawing a chart is synchronous JavaScript
 * (Chart.js on a canvas, ~10 ms): a process that also acknowledges chat requests (the bot without Redis, where
 * chart jobs run in-process) must not hold its loop for twenty jobs' charts drawn at once. Requests that arrive
 * meanwhile wait for one chart at most.
 */
export class OneAtATimeRenderer implements ChartRenderer {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly inner: ChartRenderer) {}

  render(spec: ChartSpec): Promise<RenderedChart> {
    const turn = this.tail.then(() => new Promise<void>((r) => setImmediate(r))).then(() => this.inner.render(spec));
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}
