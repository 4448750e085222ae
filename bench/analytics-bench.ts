/**
 * Team analytics on 1,000,000 queries in MySQL/MariaDB: our SQL against the seed's way (pandas).
 *
 *   npx tsx bench/analytics-bench.ts [--rows 1000000] [--runs 5] [--pandas-runs 3] [--refill] [--no-pandas]
 *
 * BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306) names the server; the database is
 * cqms_bench_analytics (--db). A database already holding the same rows and schema is reused.
 * BENCH_INNODB_BUFFER_POOL_MB raises the server's buffer pool for the run and restores it after, as
 * bench/pipeline-bench.ts does: Debian's default 128 MB cannot hold the analytics indexes of 1M rows.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { TeamAnalytics } from '../core/analytics/analytics-types';
import { teamAnalytics } from '../core/analytics/team-analytics';
import { testDesk } from '../test/support/test-desk';
import { benchLead, openBenchDb } from './bench-db';
import { crossCheck, pickReader, runPandas, type PandasConfig, type PandasOutput } from './pandas-baseline';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    'pandas-runs': { type: 'string', default: '3' },
    db: { type: 'string', default: 'cqms_bench_analytics' },
    refill: { type: 'boolean', default: false },
    'no-pandas': { type: 'boolean', default: false },
  },
});

const BASE_URL = (process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const NOW = new Date('2026-03-02T09:00:00Z');
const FILTER = { category: 'Bug Report', from: '2025-10-01', to: '2026-01-01' };
const FILTER_NAME = `filtered (${FILTER.category}, ${FILTER.from}..${FILTER.to})`;
const log = (s: string) => console.log(s);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

async function time(runs: number, fn: () => Promise<TeamAnalytics>): Promise<{ ms: number[]; last: TeamAnalytics }> {
  let last = await fn(); // warm-up: connections, plans, buffer pool
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms, last };
}

interface Row {
  name: string;
  ours: { ms: number[]; last: TeamAnalytics };
  pandas: PandasOutput;
}

async function main(): Promise<void> {
  const rows = Number(args.rows);
  const plan = { rows, clients: Math.max(10, Math.round(rows / 50)), agents: 50, now: NOW, days: 730, seed: 20260302 };
  const bench = await openBenchDb(BASE_URL, args.db!, plan, args.refill!, log);
  const { store } = bench;
  const poolMb = Number(process.env.BENCH_INNODB_BUFFER_POOL_MB ?? 0);
  const [[{ pool: poolBefore } = { pool: 0 }]] = (await store.sequelize.query(
    'SELECT @@innodb_buffer_pool_size AS pool',
  )) as [{ pool: number }[], unknown];
  try {
    if (poolMb > 0) await store.sequelize.query(`SET GLOBAL innodb_buffer_pool_size = ${Math.round(poolMb) * 2 ** 20}`);
    const deps = testDesk(store);
    deps.clock.set(NOW);
    const lead = await benchLead(deps);
    const [[server]] = (await store.sequelize.query('SELECT VERSION() AS v, @@innodb_buffer_pool_size AS bp')) as [
      { v: string; bp: number }[],
      unknown,
    ];
    log(
      `team analytics benchmark: ${rows} queries, ${plan.clients} clients, ${plan.agents} agents over ${plan.days} days`,
    );
    log(
      `machine: ${os.cpus().length} cores, node ${process.version}, MariaDB ${server?.v} (buffer pool ${Math.round(Number(server?.bp) / 2 ** 20)} MiB); load average ${load()}`,
    );
    log(
      bench.filled
        ? `data: filled ${args.db} in ${bench.fillSeconds.toFixed(1)} s`
        : `data: reused ${args.db} (--refill to rebuild)`,
    );

    const runs = Number(args.runs);
    const full = await time(runs, () => teamAnalytics(deps, lead, {}));
    const filtered = await time(runs, () => teamAnalytics(deps, lead, FILTER));
    for (const [name, r] of [
      ['full', full],
      ['filtered', filtered],
    ] as const) {
      log(
        `ours   ${name.padEnd(8)} runs ${r.ms.map(fmt).join(', ')}; min ${fmt(Math.min(...r.ms))}, median ${fmt(median(r.ms))}`,
      );
    }
    const t = full.last;
    log(
      `       ${t.totals.total} queries (${t.totals.open} open, ${t.totals.inProgress} in progress); ${t.agents.length} agents; median resolution ${t.resolution.medianHours?.toFixed(2)} h, p90 ${t.resolution.p90Hours?.toFixed(2)} h; breaches ${t.sla.firstResponseBreaches} first response, ${t.sla.resolutionBreaches} resolution`,
    );
    if (args['no-pandas']) return;

    const u = new URL(BASE_URL);
    const sla = deps.config.sla.default;
    const base: Omit<PandasConfig, 'filter' | 'columns'> = {
      host: u.hostname,
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username || 'root'),
      password: decodeURIComponent(u.password),
      db: args.db!,
      now_ms: NOW.getTime(),
      fr_hours: sla.firstResponseHours,
      res_hours: sla.resolutionHours,
      runs: Number(args['pandas-runs']),
      reader: await pickReader(),
    };
    const range = {
      category: FILTER.category,
      from_ms: Date.parse(`${FILTER.from}T00:00:00Z`),
      to_ms: Date.parse(`${FILTER.to}T00:00:00Z`),
    };
    const table: Row[] = [
      {
        name: 'full team analytics',
        ours: full,
        pandas: await runPandas({ ...base, columns: 'needed', filter: null }),
      },
      {
        name: 'full, pandas reading every column (as the seed)',
        ours: full,
        pandas: await runPandas({ ...base, columns: 'all', filter: null }),
      },
      { name: FILTER_NAME, ours: filtered, pandas: await runPandas({ ...base, columns: 'needed', filter: range }) },
    ];
    let agreed = true;
    for (const row of table) {
      const p = row.pandas;
      const r = p.runs.map((x) => `${x.read_s.toFixed(2)} + ${x.compute_s.toFixed(2)} s`).join(', ');
      log(
        `pandas ${row.name}: runs (read + groupby) ${r}; median ${fmt(median(p.runs.map((x) => x.total_s * 1000)))} [pandas ${p.pandas}, reader ${p.reader}, ${p.columns} columns]`,
      );
      for (const c of crossCheck(row.ours.last, p.result)) {
        agreed &&= c.ok;
        log(`  ${c.line}`);
      }
    }
    printTable(table);
    log(`results agree with pandas: ${agreed ? 'yes' : 'NO'}; load average now ${load()}`);
  } finally {
    if (poolMb > 0) await store.sequelize.query(`SET GLOBAL innodb_buffer_pool_size = ${Number(poolBefore)}`);
    await store.close();
  }
}

function printTable(table: Row[]): void {
  const cells = table.map((r) => ({
    name: r.name,
    ours: median(r.ours.ms),
    pandas: median(r.pandas.runs.map((x) => x.total_s * 1000)),
  }));
  log('');
  log(`${'variant (median of runs)'.padEnd(50)} ${'ours'.padStart(9)} ${'pandas'.padStart(9)} ${'ratio'.padStart(7)}`);
  for (const c of cells)
    log(
      `${c.name.padEnd(50)} ${fmt(c.ours).padStart(9)} ${fmt(c.pandas).padStart(9)} ${`${(c.pandas / c.ours).toFixed(1)}x`.padStart(7)}`,
    );
  const { ours, pandas } = cells[0]!;
  log(
    `targets (full, against pandas reading only the columns it needs): under 1.5 s: ${ours < 1500 ? 'met' : 'MISSED'} (${fmt(ours)}); at least 10x: ${pandas / ours >= 10 ? 'met' : 'MISSED'} (${(pandas / ours).toFixed(1)}x)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
