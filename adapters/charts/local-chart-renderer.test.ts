import { createCanvas, loadImage } from '@napi-rs/canvas';
import type * as ChartJs from 'chart.js' with { 'resolution-mode': 'import' };
import type { TeamAnalytics } from '../../core/analytics/analytics-types';
import { NO_CONVERSATION } from '../../core/analytics/conversation-stats';
import type { ChartSpec } from '../../core/charts/chart-spec';
import { teamCharts } from '../../core/charts/charts-for';
import { LocalChartRenderer } from './local-chart-renderer';
import { pngSize } from './png-size';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const stats = (medianHours: number) => ({ count: 2, avgHours: medianHours, medianHours, p90Hours: medianHours });
const team: TeamAnalytics = {
  range: { from: null, to: null, category: null, bucket: 'day', generatedAt: new Date(0), agentId: null },
  totals: { total: 6, open: 1, inProgress: 2, closed: 3 },
  resolution: stats(5),
  firstResponse: stats(1),
  conversation: NO_CONVERSATION,
  categories: [{ category: 'Login', total: 6, open: 1, inProgress: 2, closed: 3, firstResponseBreaches: 2, resolutionBreaches: 1 }],
  agents: [{ agentId: 7, name: 'Dana', handled: 5, inProgress: 2, closed: 3, resolution: stats(5), firstResponseBreaches: 2, resolutionBreaches: 1, recordedBreaches: 3, conversation: NO_CONVERSATION }],
  sla: { firstResponseBreaches: 2, resolutionBreaches: 1, recorded: { firstResponseBreaches: 2, resolutionBreaches: 1 }, targets: { firstResponseHours: 4, resolutionHours: 48, overrides: {} } },
  trend: [
    { period: '2025-01-01', opened: 4, closed: 1, avgResolutionHours: 3 },
    { period: '2025-01-02', opened: 2, closed: 2, avgResolutionHours: 6 },
  ],
};
const pie: ChartSpec = {
  kind: 'chart',
  id: 'a-pie',
  title: 'A pie',
  altText: 'A 1, B 2',
  width: 320,
  height: 240,
  config: { type: 'pie', data: { labels: ['A', 'B'], datasets: [{ label: 'n', data: [1, 2], backgroundColor: ['#ff0000', '#00ff00'] }] } },
};
const specs: ChartSpec[] = [
  ...teamCharts(team),
  ...teamCharts({ ...team, totals: { total: 0, open: 0, inProgress: 0, closed: 0 }, categories: [], agents: [], trend: [] }).map((s) => ({ ...s, id: `${s.id}/empty` })),
  pie,
  { ...teamCharts(team)[0]!, id: 'odd-size', width: 333, height: 217 },
];

describe('local chart renderer (Chart.js on @napi-rs/canvas)', () => {
  const renderer = new LocalChartRenderer();

  it.each(specs.map((s) => [`${s.id} (${s.config.type}, ${s.width}x${s.height})`, s] as const))('renders %s as a PNG of the requested size', async (_, spec) => {
    const out = await renderer.render(spec);
    expect([...out.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(out.png)).toEqual({ width: spec.width, height: spec.height });
    expect({ width: out.width, height: out.height }).toEqual({ width: spec.width, height: spec.height });
    const image = await loadImage(Buffer.from(out.png));
    expect({ width: image.width, height: image.height }).toEqual({ width: spec.width, height: spec.height });
  });

  it('paints a white, opaque background', async () => {
    const out = await renderer.render(pie);
    const canvas = createCanvas(pie.width, pie.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(await loadImage(Buffer.from(out.png)), 0, 0);
    expect([...ctx.getImageData(1, 1, 1, 1).data]).toEqual([255, 255, 255, 255]);
  });

  it('leaves the spec untouched and no chart instance behind', async () => {
    const spec = teamCharts(team)[2]!;
    const before = structuredClone(spec);
    await renderer.render(spec);
    expect(spec).toEqual(before);
    const { Chart } = jest.requireActual<typeof ChartJs>('chart.js');
    expect(Object.keys(Chart.instances)).toHaveLength(0);
  });

  it('names the chart when Chart.js refuses it', async () => {
    const bad = { ...pie, id: 'bad', config: { ...pie.config, type: 'radar-ish' } } as unknown as ChartSpec;
    await expect(renderer.render(bad)).rejects.toThrow(/Could not draw chart "bad"/);
  });
});
