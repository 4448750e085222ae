import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { ChartSpec } from '../../core/charts/chart-spec';
import { statusSplitChart } from '../../core/charts/status-split';
import { ChartRenderFailed } from '../../core/ports/chart-renderer';
import { pngSize } from './png-size';
import { QuickChartRenderer } from './quickchart-renderer';

interface Posted {
  method: string;
  path: string;
  body: {
    chart: string;
    width: number;
    height: number;
    version: string;
    format: string;
    backgroundColor: string;
    devicePixelRatio: number;
  };
}
type Answer = (posted: Posted, res: ServerResponse) => void | Promise<void>;

/** A stand-in for a QuickChart server: records each request and answers with `answer` (a real PNG by default). */
async function fakeQuickChart(answer?: Answer): Promise<{ url: string; posted: Posted[]; server: Server }> {
  const posted: Posted[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const p: Posted = { method: req.method ?? '', path: req.url ?? '', body: JSON.parse(raw) as Posted['body'] };
      posted.push(p);
      void (answer ?? answerPng)(p, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posted, server };
}

async function answerPng(p: Posted, res: ServerResponse): Promise<void> {
  const png = await createCanvas(p.body.width, p.body.height).encode('png');
  res.writeHead(200, { 'content-type': 'image/png' }).end(png);
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

const spec: ChartSpec = {
  ...statusSplitChart({ totals: { total: 6, open: 1, inProgress: 2, closed: 3 } }),
  width: 640,
  height: 320,
};
let servers: Server[] = [];
async function serve(answer?: Answer) {
  const s = await fakeQuickChart(answer);
  servers.push(s.server);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.map(stop));
  servers = [];
});

describe('QuickChart renderer (quickchart-js against a self-hosted server)', () => {
  it('posts the spec config as Chart.js 4 JSON at the spec size, and returns the PNG', async () => {
    const { url, posted } = await serve();
    const out = await new QuickChartRenderer({ url }).render(spec);
    expect(posted).toHaveLength(1);
    const [p] = posted;
    expect(p).toMatchObject({ method: 'POST', path: '/chart' });
    expect(p!.body).toMatchObject({
      version: '4',
      width: 640,
      height: 320,
      format: 'png',
      backgroundColor: '#ffffff',
      devicePixelRatio: 1,
    });
    expect(JSON.parse(p!.body.chart)).toEqual(spec.config);
    expect(pngSize(out.png)).toEqual({ width: 640, height: 320 });
    expect({ width: out.width, height: out.height }).toEqual({ width: 640, height: 320 });
    const image = await loadImage(Buffer.from(out.png));
    expect([image.width, image.height]).toEqual([640, 320]);
  });

  it('keeps a path prefix in the server URL', async () => {
    const { url, posted } = await serve();
    await new QuickChartRenderer({ url: `${url}/quickchart/` }).render(spec);
    expect(posted[0]?.path).toBe('/quickchart/chart');
  });

  it('gives a clear, retryable error when the server is unreachable', async () => {
    const { url, server } = await fakeQuickChart();
    await stop(server);
    const err = await new QuickChartRenderer({ url }).render(spec).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChartRenderFailed);
    expect((err as ChartRenderFailed).message).toBe(
      `QuickChart server at ${url} is unreachable (ECONNREFUSED); is QUICKCHART_URL right and the server running?`,
    );
    expect((err as ChartRenderFailed).retryable).toBe(true);
  });

  it('gives up after the timeout when the server does not answer', async () => {
    const { url } = await serve(() => undefined);
    const started = Date.now();
    await expect(new QuickChartRenderer({ url, timeoutMs: 200 }).render(spec)).rejects.toThrow(
      `QuickChart server at ${url} did not answer within 200 ms (chart "status-split").`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("passes on the server's own error, and refuses an answer that is not a PNG", async () => {
    const failing = await serve(
      (_, res) => void res.writeHead(500, { 'x-quickchart-error': 'Invalid chart type' }).end(),
    );
    await expect(new QuickChartRenderer({ url: failing.url }).render(spec)).rejects.toThrow(
      /failed to render chart "status-split": Chart creation failed with status code 500 Invalid chart type/,
    );
    const html = await serve(
      (_, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy login</html>'),
    );
    await expect(new QuickChartRenderer({ url: html.url }).render(spec)).rejects.toThrow(
      /answered chart "status-split" with something that is not a PNG/,
    );
  });

  it('refuses a URL that is not http(s) when built', () => {
    expect(() => new QuickChartRenderer({ url: 'quickchart:3400' })).toThrow(/must start with http:\/\/ or https:\/\//);
    expect(() => new QuickChartRenderer({ url: 'not a url' })).toThrow(/is not a valid URL/);
  });
});
