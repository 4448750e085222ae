import QuickChart from 'quickchart-js';
import type { ChartSpec } from '../../core/charts/chart-spec';
import { ChartRenderFailed, type ChartRenderer, type RenderedChart } from '../../core/ports/chart-renderer';
import { pngSize } from './png-size';

export interface QuickChartRendererOptions {
  /** The self-hosted QuickChart server, e.g. http://quickchart:3400 (a path prefix is kept). */
  url: string;
  /** How long one render may take; 10 s when undefined. */
  timeoutMs?: number | undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);

/** Renders through a QuickChart server (Chart.js 4) with quickchart-js. */
export class QuickChartRenderer implements ChartRenderer {
  private readonly scheme: string;
  private readonly host: string;
  private readonly timeoutMs: number;

  constructor(readonly opts: QuickChartRendererOptions) {
    let url: URL;
    try {
      url = new URL(opts.url);
    } catch {
      throw new ChartRenderFailed(`QuickChart URL "${opts.url}" is not a valid URL.`, false);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ChartRenderFailed(`QuickChart URL "${opts.url}" must start with http:// or https://.`, false);
    }
    this.scheme = url.protocol.slice(0, -1);
    this.host = `${url.host}${url.pathname.replace(/\/+$/, '')}`;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  async render(spec: ChartSpec): Promise<RenderedChart> {
    const qc = new QuickChart()
      .setScheme(this.scheme)
      .setHost(this.host)
      .setVersion('4')
      .setWidth(spec.width)
      .setHeight(spec.height)
      .setDevicePixelRatio(1)
      .setBackgroundColor('#ffffff')
      .setFormat('png')
      // A JSON string, not the object: quickchart-js would otherwise send it as a JavaScript literal.
      .setConfig(JSON.stringify(spec.config));
    const png = new Uint8Array(await this.withTimeout(qc.toBinary(), spec.id));
    const size = pngSize(png);
    if (!size)
      throw new ChartRenderFailed(
        `QuickChart server at ${this.opts.url} answered chart "${spec.id}" with something that is not a PNG.`,
        false,
      );
    return { png, ...size };
  }

  private withTimeout(work: Promise<Buffer>, chartId: string): Promise<Buffer> {
    const where = `QuickChart server at ${this.opts.url}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new ChartRenderFailed(`${where} did not answer within ${this.timeoutMs} ms (chart "${chartId}").`, true),
          ),
        this.timeoutMs,
      );
      work.then(
        (buf) => {
          clearTimeout(timer);
          resolve(buf);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(describeFailure(e, where, chartId));
        },
      );
    });
  }
}

function describeFailure(e: unknown, where: string, chartId: string): ChartRenderFailed {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return new ChartRenderFailed(
      `${where} is unreachable (${code}); is QUICKCHART_URL right and the server running?`,
      true,
      { cause: e },
    );
  }
  const message = e instanceof Error ? e.message : String(e);
  const status = /status code (\d{3})/.exec(message)?.[1];
  const retryable = status === undefined || Number(status) >= 500 || status === '429';
  return new ChartRenderFailed(
    `${where} failed to render chart "${chartId}": ${message.replace(/\s+/g, ' ').trim()}`,
    retryable,
    { cause: e },
  );
}
