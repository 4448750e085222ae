import { LocalChartRenderer } from '../../adapters/charts/local-chart-renderer';
import type { ChartSpec } from '../../core/charts/chart-spec';
import type { ChartRenderer, RenderedChart } from '../../core/ports/chart-renderer';

/**
 * The real local renderer behind a gate: every render waits until the test opens it, so a test can show that an
 * answer went out while its charts were still being drawn. `failWith` makes renders throw that error instead.
 */
export class GatedRenderer implements ChartRenderer {
  readonly asked: string[] = [];
  failWith: (spec: ChartSpec) => Error | null = () => null;
  private readonly inner = new LocalChartRenderer();
  private opened = false;
  private waiters: Array<() => void> = [];

  constructor(open = false) {
    this.opened = open;
  }

  async render(spec: ChartSpec): Promise<RenderedChart> {
    this.asked.push(spec.id);
    if (!this.opened) await new Promise<void>((r) => this.waiters.push(r));
    const failure = this.failWith(spec);
    if (failure) throw failure;
    return this.inner.render(spec);
  }

  open(): void {
    this.opened = true;
    for (const w of this.waiters.splice(0)) w();
  }

  close(): void {
    this.opened = false;
  }
}
