/**
 * Local chart rendering (Chart.js 4 on @napi-rs/canvas): warm ms per render for each of the six team charts,
 * then RSS over 500 more renders, to show memory levels off (no chart or canvas kept between renders).
 *
 *   npx tsx bench/chart-bench.ts [--runs 30] [--renders 500]
 */
import { parseArgs } from 'node:util';
import { LocalChartRenderer } from '../adapters/charts/local-chart-renderer';
import type { AgentStats, CategoryStats, TeamAnalytics } from '../core/analytics/analytics-types';
import { NO_CONVERSATION } from '../core/analytics/conversation-stats';
import { teamCharts } from '../core/charts/charts-for';
import { DEFAULT_CATEGORIES } from '../core/config/categories';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '30' }, renders: { type: 'string', default: '500' } },
});
const RUNS = Number(args.runs);
const RENDERS = Number(args.renders);

/** A desk of ten categories, eight agents and 30 daily points, from fixed formulas (no randomness). */
function sampleTeam(): TeamAnalytics {
  const stats = (h: number | null, count: number) => ({
    count,
    avgHours: h,
    medianHours: h,
    p90Hours: h === null ? null : h * 2,
  });
  const categories: CategoryStats[] = DEFAULT_CATEGORIES.map((category, i) => {
    const [open, inProgress, closed] = [3 + ((i * 7) % 11), 2 + ((i * 5) % 9), 20 + ((i * 13) % 40)];
    return {
      category,
      total: open + inProgress + closed,
      open,
      inProgress,
      closed,
      firstResponseBreaches: (i * 3) % 7,
      resolutionBreaches: (i * 5) % 6,
    };
  });
  const agents: AgentStats[] = ['Asha', 'Ben', 'Chen', 'Dara', 'Eli', 'Farah', 'Gus', 'Hana'].map((name, i) => {
    const [inProgress, closed] = [1 + (i % 4), 10 + ((i * 9) % 25)];
    return {
      agentId: i + 1,
      name,
      handled: inProgress + closed,
      inProgress,
      closed,
      resolution: stats(4 + ((i * 3.7) % 20), closed),
      firstResponseBreaches: i % 3,
      resolutionBreaches: i % 2,
      recordedBreaches: (i % 3) + (i % 2),
      conversation: NO_CONVERSATION,
    };
  });
  const sum = (k: 'open' | 'inProgress' | 'closed') => categories.reduce((s, c) => s + c[k], 0);
  const totals = { open: sum('open'), inProgress: sum('inProgress'), closed: sum('closed') };
  return {
    range: {
      from: null,
      to: null,
      category: null,
      bucket: 'day',
      generatedAt: new Date('2026-03-02T00:00:00Z'),
      agentId: null,
    },
    totals: { total: totals.open + totals.inProgress + totals.closed, ...totals },
    resolution: stats(11.5, totals.closed),
    firstResponse: stats(1.5, totals.closed),
    conversation: NO_CONVERSATION,
    agents,
    categories,
    sla: {
      firstResponseBreaches: 20,
      resolutionBreaches: 15,
      recorded: { firstResponseBreaches: 20, resolutionBreaches: 15 },
      targets: { firstResponseHours: 4, resolutionHours: 48, overrides: {} },
    },
    trend: Array.from({ length: 30 }, (_, d) => ({
      period: new Date(Date.UTC(2026, 0, d + 1)).toISOString().slice(0, 10),
      opened: 5 + ((d * 7) % 9),
      closed: 4 + ((d * 5) % 8),
      avgResolutionHours: d % 6 === 5 ? null : 6 + ((d * 2.3) % 12),
    })),
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const renderer = new LocalChartRenderer();
  const specs = teamCharts(sampleTeam());
  console.log(
    `local renderer, ${specs[0]!.width}x${specs[0]!.height} PNG, Node ${process.version}; ${RUNS} warm renders per chart after 5 warm-up`,
  );
  for (const spec of specs) {
    for (let i = 0; i < 5; i++) await renderer.render(spec);
    const t0 = performance.now();
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) bytes += (await renderer.render(spec)).png.length;
    const ms = (performance.now() - t0) / RUNS;
    console.log(
      `  ${spec.id.padEnd(26)} ${spec.config.type.padEnd(9)} ${ms.toFixed(1).padStart(6)} ms/render  ${Math.round(bytes / RUNS / 1024)} KB`,
    );
  }
  const step = Math.max(1, Math.floor(RENDERS / 5));
  console.log(`RSS over ${RENDERS} more renders (the six charts in turn):`);
  console.log(`  before: ${mb(process.memoryUsage().rss)}`);
  const t0 = performance.now();
  for (let i = 1; i <= RENDERS; i++) {
    await renderer.render(specs[i % specs.length]!);
    if (i % step === 0)
      console.log(
        `  after ${String(i).padStart(4)}: ${mb(process.memoryUsage().rss)}  (heap ${mb(process.memoryUsage().heapUsed)})`,
      );
  }
  console.log(`  ${((performance.now() - t0) / RENDERS).toFixed(1)} ms/render on average`);
}

void main();
