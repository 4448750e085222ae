import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import type * as ChartJs from 'chart.js' with { 'resolution-mode': 'import' };
import type { ChartSpec } from '../../core/charts/chart-spec';
import { ChartRenderFailed, type ChartRenderer, type RenderedChart } from '../../core/ports/chart-renderer';

// chart.js ships ESM types but a CommonJS build: load the CommonJS build, keep the types.
const { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, LineController, LineElement, PieController, PointElement, Title } =
  require('chart.js') as typeof ChartJs;

export interface LocalChartRendererOptions {
  /** A font family the canvas knows; DejaVu Sans by default. */
  fontFamily?: string;
  /** A font file to register when the family is not installed. */
  fontPath?: string;
}

const DEFAULT_FONT = 'DejaVu Sans';
const DEFAULT_FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
let registered = false;

/** Chart.js keeps its registry and defaults in module state: set once per process (the first renderer's font wins). */
function registerOnce(fontFamily: string, fontPath: string): void {
  if (registered) return;
  Chart.register(BarController, LineController, PieController, DoughnutController);
  Chart.register(BarElement, LineElement, PointElement, ArcElement, CategoryScale, LinearScale, Title, Legend);
  if (!GlobalFonts.has(fontFamily)) GlobalFonts.registerFromPath(fontPath, fontFamily);
  Chart.defaults.font.family = fontFamily;
  Chart.defaults.color = '#1f2937';
  registered = true;
}

/** Paints the whole canvas white first, so the PNG has no transparent background. */
const whiteBackground: ChartJs.Plugin = {
  id: 'cqmsWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Chart.js 4 on @napi-rs/canvas, in process, no network. A fresh canvas and chart per render, destroyed after. */
export class LocalChartRenderer implements ChartRenderer {
  constructor(opts: LocalChartRendererOptions = {}) {
    registerOnce(opts.fontFamily ?? DEFAULT_FONT, opts.fontPath ?? DEFAULT_FONT_PATH);
  }

  async render(spec: ChartSpec): Promise<RenderedChart> {
    const canvas = createCanvas(spec.width, spec.height);
    const config = structuredClone(spec.config) as unknown as ChartJs.ChartConfiguration;
    config.options = { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 };
    config.plugins = [whiteBackground];
    let chart: ChartJs.Chart | undefined;
    try {
      chart = new Chart(canvas as unknown as ChartJs.ChartItem, config);
      const png = await canvas.encode('png');
      return { png, width: canvas.width, height: canvas.height };
    } catch (e) {
      throw new ChartRenderFailed(`Could not draw chart "${spec.id}": ${e instanceof Error ? e.message : String(e)}`, false, { cause: e });
    } finally {
      chart?.destroy();
    }
  }
}
