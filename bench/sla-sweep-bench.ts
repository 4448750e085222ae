/**
 * The SLA sweep on MySQL/MariaDB: 1,000,000 queries of which 10,000 open, against 100,000 of which 10,000 open.
 * A sweep should cost what the open queries cost, not the history.
 *
 *   npx tsx bench/sla-sweep-bench.ts [--runs 5]
 *
 * BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306) names the server; the databases cqms_bench_sla_1m and
 * cqms_bench_sla_100k are created afresh (rows generated in SQL by multi-row INSERT ... SELECT over MariaDB's
 * sequence engine) and dropped at the end.
 */
import { parseArgs } from 'node:util';
import { openStore, type SequelizeStore } from '../adapters/storage/sequelize-store';
import { runSlaSweep } from '../core/sla/run-sweep';
import { DEFAULT_SLA_POLICY } from '../core/sla/sla-policy';
import { dropMysqlDatabase } from '../test/support/test-stores';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(args.runs);
const BASE = (process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const NOW = Date.parse('2026-11-25T12:00:00Z');
const H = 3_600_000;
const OPEN = 10_000;
const CHUNK = 100_000;
const CATEGORIES = ['Bug Report', 'Billing Problem', 'Account Access', 'Feature Request', 'General Question'];

const cat = `ELT(1 + MOD(seq, ${CATEGORIES.length}), ${CATEGORIES.map((c) => `'${c}'`).join(', ')})`;
const COLS =
  'client_id, category, heading, description, mobile_valid, status, assignee_id, platform, created_at, claimed_at, closed_at, resolution_ms, first_response_ms, reopen_count, updated_at';

/** Closed history over two years before the open window, oldest first. */
function closedChunk(from: number, to: number, total: number): string {
  const created = `(${NOW - 40 * 24 * H} - (${total} - seq) * ${Math.floor((700 * 24 * H) / total)})`;
  return `INSERT INTO client_queries (${COLS})
    SELECT 1, ${cat}, 'history', 'closed long ago', 1, 'Closed', 2, 'import', ${created}, ${created} + 1800000,
      ${created} + 86400000 + MOD(seq * 7919, 172800000), 86400000 + MOD(seq * 7919, 172800000), 1800000, 0, ${created}
    FROM seq_${from}_to_${to}`;
}

/** 10,000 open queries created over the last 30 days: half Open, half In Progress (claimed after 30 min). */
function openRows(): string {
  const created = `(${NOW} - MOD(seq * 104729, ${30 * 24 * H}))`;
  const claimed = 'MOD(seq, 2) = 0';
  return `INSERT INTO client_queries (${COLS})
    SELECT 1, ${cat}, 'open', 'waiting', 1, IF(${claimed}, 'In Progress', 'Open'), IF(${claimed}, 2, NULL), 'slack', ${created},
      IF(${claimed}, ${created} + 1800000, NULL), NULL, NULL, IF(${claimed}, 1800000, NULL), 0, ${created}
    FROM seq_1_to_${OPEN}`;
}

async function fill(total: number): Promise<{ store: SequelizeStore; db: string; seconds: number }> {
  const db = `cqms_bench_sla_${total >= 1_000_000 ? `${total / 1_000_000}m` : `${total / 1000}k`}`;
  await dropMysqlDatabase(db);
  const t0 = performance.now();
  const store = await openStore(`${BASE}/${db}`, { migrate: true });
  const q = (sql: string) => store.sequelize.query(sql);
  await q(
    `INSERT INTO users (id, username, display_name, role, failed_logins, created_at) VALUES (1, 'client', 'Client', 'client', 0, ${NOW}), (2, 'agent', 'Agent', 'agent', 0, ${NOW})`,
  );
  const closed = total - OPEN;
  for (let from = 1; from <= closed; from += CHUNK)
    await q(closedChunk(from, Math.min(closed, from + CHUNK - 1), closed));
  await q(openRows());
  await q('ANALYZE TABLE client_queries, sla_alerts');
  return { store, db, seconds: (performance.now() - t0) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(
  total: number,
): Promise<{ first: number; firstAlerts: number; steady: number; steadyRuns: number[]; steadyAlerts: number }> {
  const { store, db, seconds } = await fill(total);
  try {
    const [[counts]] = (await store.sequelize.query(
      "SELECT COUNT(*) AS n, SUM(status <> 'Closed') AS open FROM client_queries",
    )) as unknown as [[{ n: number; open: number }]];
    console.log(
      `${total.toLocaleString('en-US')} queries: filled in ${seconds.toFixed(1)} s (${Number(counts.n).toLocaleString('en-US')} rows, ${Number(counts.open).toLocaleString('en-US')} open)`,
    );
    const deps = { store, config: { sla: DEFAULT_SLA_POLICY } };
    let t = performance.now();
    const first = await runSlaSweep(deps, new Date(NOW));
    const firstMs = performance.now() - t;
    await runSlaSweep(deps, new Date(NOW + 60_000)); // warm-up
    const runs: number[] = [];
    let steadyAlerts = 0;
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      steadyAlerts += (await runSlaSweep(deps, new Date(NOW + (i + 2) * 60_000))).length;
      runs.push(performance.now() - t);
    }
    return { first: firstMs, firstAlerts: first.length, steady: median(runs), steadyRuns: runs, steadyAlerts };
  } finally {
    await store.close();
    await dropMysqlDatabase(db);
  }
}

async function main(): Promise<void> {
  const big = await measure(1_000_000);
  const small = await measure(100_000);
  const fmt = (r: typeof big) =>
    `first sweep ${r.first.toFixed(0)} ms (${r.firstAlerts} alerts recorded); steady state median ${r.steady.toFixed(1)} ms of ${RUNS} [${r.steadyRuns.map((x) => x.toFixed(1)).join(', ')}] (${r.steadyAlerts} new alerts over those sweeps)`;
  console.log(`1,000,000 queries, 10,000 open: ${fmt(big)}`);
  console.log(`  100,000 queries, 10,000 open: ${fmt(small)}`);
  const ratio = big.steady / small.steady;
  console.log(
    `steady-state ratio 1M / 100k: ${ratio.toFixed(2)}x (target <= 1.5x); 1M sweep ${big.steady < 50 ? 'under' : 'OVER'} 50 ms`,
  );
  console.log(`first-sweep ratio 1M / 100k: ${(big.first / small.first).toFixed(2)}x`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
