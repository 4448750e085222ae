import { ChartRenderFailed, type ChartRenderer } from '../ports/chart-renderer';
import type { ChartImage } from '../ports/notifier';
import type { ChartSpec } from './chart-spec';

/**
 * Draws every chart of a job. A renderer that may work later (service down, timeout) throws, so the queue retries
 * the whole job with backoff; a spec the renderer refuses gets no image (its numbers are posted in words).
 */
export async function drawCharts(renderer: ChartRenderer, specs: readonly ChartSpec[]): Promise<ChartImage[]> {
  const out: ChartImage[] = [];
  for (const spec of specs) {
    try {
      out.push({ spec, png: (await renderer.render(spec)).png });
    } catch (e) {
      if (e instanceof ChartRenderFailed && !e.retryable) out.push({ spec, png: null });
      else throw e;
    }
  }
  return out;
}
