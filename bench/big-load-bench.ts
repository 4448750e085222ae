/**
 * One large `cqms data load` from scratch: generate a raw export, clean it, and load the cleaned file into a
 * fresh MySQL database this bench creates and drops, printing the load's wall time, rows/s and peak RSS, and
 * checking what it stored (every row, every index, nothing stashed).
 *
 *   npx tsx bench/big-load-bench.ts [--rows 2000000] [--keep]
 *
 * --rows: cleaned rows wanted (about 93% of generated raw rows survive cleaning; more are generated).
 * Runs `cqms` from the sources (node --import tsx), or dist/bot/cli.js when it is built and fresh.
 * BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306) names the server. --keep leaves the files and the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cqmsCommand } from '../test/resilience/cli-process';
import { connection } from './mysql-admin';
import { timedCommand } from './timed-command';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '2000000' }, keep: { type: 'boolean', default: false } },
});
const ROWS = Number(args.rows);
const RAW_ROWS = Math.ceil(ROWS / 0.92);
const BASE = (process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const DB = `cqms_bench_big_load_${process.pid}`;
const ROOT = join(__dirname, '..');
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const log = (s: string) => console.log(s);

function cqms(...argv: string[]): string[] {
  const cmd = cqmsCommand();
  return [process.execPath, ...(cmd.built ? cmd.args : ['--import', 'tsx', join(ROOT, 'bot', 'cli.ts')]), ...argv];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cqms-big-load-'));
  const [raw, cleaned] = [join(dir, 'raw.csv'), join(dir, 'cleaned.csv')];
  const admin = await connection(BASE);
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
    const gen = await timedCommand(cqms('data', 'generate', '--rows', String(RAW_ROWS), '--out', raw));
    log(`generate ${n(RAW_ROWS)} raw rows: ${gen.seconds.toFixed(1)} s`);
    const clean = await timedCommand(cqms('data', 'clean', raw, '--out', cleaned));
    log(`clean: ${clean.seconds.toFixed(1)} s; ${clean.out.find((l) => l.startsWith('rows in')) ?? ''}`);
    // The load creates the database and migrates it, as on a fresh server.
    const load = await timedCommand(cqms('data', 'load', cleaned), { DATABASE_URL: `${BASE}/${DB}` });
    const said = load.out.find((l) => l.startsWith('Loaded')) ?? '';
    const loaded = Number(/: ([\d,]+) rows/.exec(said)?.[1]?.replace(/,/g, '') ?? NaN);
    log(said);
    log(
      `cqms data load: ${n(loaded)} rows in ${load.seconds.toFixed(1)} s = ${n(loaded / load.seconds)} rows/s (process start, migrations and staging included); maxRSS ${n(load.maxRss / 2 ** 20)} MiB`,
    );
    const [[c]] = (await admin.query(
      `SELECT (SELECT COUNT(*) FROM \`${DB}\`.client_queries) q, (SELECT COUNT(*) FROM \`${DB}\`.bulk_load_index_stash) stash,
         (SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'client_queries') idx`,
      [DB],
    )) as unknown as [{ q: number; stash: number; idx: number }[]];
    log(`stored: ${n(Number(c!.q))} queries, ${c!.idx} indexes on client_queries, ${c!.stash} stashed`);
    if (Number(c!.q) !== loaded || Number(c!.stash) !== 0 || loaded < ROWS)
      throw new Error('the load did not store every row of the file, or left indexes stashed');
  } finally {
    if (!args.keep) {
      await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
      rmSync(dir, { recursive: true, force: true });
    }
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
