/**
 * Generate 1,000,000 raw rows, clean them, load the cleaned file into a fresh MySQL database through
 * the same code as `cqms data load`, and beside it MySQL's own LOAD DATA LOCAL INFILE of the same
 * cleaned file. Each phase runs in its own process, as the CLI commands do, so each peak RSS is that
 * command's own. Prints rows/s and peak RSS per phase and the load / LOAD DATA ratio.
 *   npx tsx bench/pipeline-bench.ts [rows]
 *   BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306); BENCH_INNODB_BUFFER_POOL_MB raises the
 *   server's buffer pool for the run and restores it after (the default 128 MB cannot hold the indexes).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connection, serverSettings } from './mysql-admin';
import type { PhaseResult } from './pipeline-phase';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BASE = (process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const MB = 1024 * 1024;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function phase(name: string, ...args: string[]): PhaseResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'pipeline-phase.ts'), name, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as PhaseResult;
}

function line(label: string, rows: number, seconds: number, r?: PhaseResult): string {
  const mem = r ? `  peak RSS ${(r.peakRss / MB).toFixed(0)} MB (maxRSS ${(r.maxRss / MB).toFixed(0)} MB)` : '';
  return `${label.padEnd(28)} ${String(rows).padStart(9)} rows ${seconds.toFixed(2).padStart(8)} s ${fmt(rows / seconds).padStart(9)} rows/s${mem}`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cqms-bench-'));
  const [raw, cleaned, rejects] = ['raw.csv', 'cleaned.csv', 'rejects.csv'].map((f) => join(dir, f)) as [string, string, string];
  const db = `cqms_bench_${process.pid}`;
  const admin = await connection(BASE);
  const before = await serverSettings(admin);
  const poolMb = Number(process.env.BENCH_INNODB_BUFFER_POOL_MB ?? 0);
  try {
    await admin.query('SET GLOBAL local_infile = 1');
    if (poolMb > 0) await admin.query(`SET GLOBAL innodb_buffer_pool_size = ${poolMb * MB}`);
    console.log(`pipeline bench: ${fmt(ROWS)} rows, MySQL ${BASE}, Node ${process.version}`);
    console.log(`  server ${JSON.stringify(await serverSettings(admin))}`);
    const gen = phase('generate', raw, String(ROWS));
    console.log(line('generate', gen.rows, gen.seconds, gen), `\n  raw file ${(statSync(raw).size / MB).toFixed(1)} MB`);
    const clean = phase('clean', raw, cleaned, rejects);
    console.log(line('clean', clean.rows, clean.seconds, clean), `\n  ${JSON.stringify(clean.detail)}\n  cleaned file ${(statSync(cleaned).size / MB).toFixed(1)} MB`);
    const load = phase('load', cleaned, `${BASE}/${db}`);
    const split = load.split ?? { checkSeconds: 0, writeSeconds: load.seconds };
    console.log(line('load (check + write)', load.rows, load.seconds, load));
    console.log(line('  check pass (no writes)', load.rows, split.checkSeconds));
    console.log(line('  write pass', load.rows, split.writeSeconds), `\n  ${JSON.stringify(load.detail)}`);
    const plain = phase('infile-plain', cleaned, BASE, db);
    console.log(line('LOAD DATA, plain table', plain.rows, plain.seconds, plain));
    const indexed = phase('infile-indexed', cleaned, BASE, db);
    console.log(line('LOAD DATA, indexed copy', indexed.rows, indexed.seconds, indexed));
    const rate = (r: { rows: number; seconds: number }) => r.rows / r.seconds;
    const ratio = (of: number, to: PhaseResult) => (of / rate(to)).toFixed(2);
    const writeRate = load.rows / split.writeSeconds;
    console.log(`ratio load / LOAD DATA plain table: ${ratio(rate(load), plain)} (write pass alone ${ratio(writeRate, plain)}); target >= 0.50`);
    console.log(`ratio load / LOAD DATA into a copy of client_queries with its indexes: ${ratio(rate(load), indexed)} (write pass alone ${ratio(writeRate, indexed)})`);
    const peak = Math.max(...[gen, clean, load].map((r) => r.peakRss));
    console.log(`peak RSS of the pipeline commands: ${(peak / MB).toFixed(0)} MB sampled, maxRSS ${(Math.max(gen.maxRss, clean.maxRss, load.maxRss) / MB).toFixed(0)} MB (target < 300 MB)`);
  } finally {
    if (poolMb > 0) await admin.query(`SET GLOBAL innodb_buffer_pool_size = ${Number(before.innodb_buffer_pool_size)}`);
    await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
