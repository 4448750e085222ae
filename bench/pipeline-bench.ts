/**
 * Generate N raw rows, clean them and load the cleaned file into a fresh MySQL database with the compiled
 * CLI (`node dist/bot/cli.js data ...`: run `npm run build` first), each command timed with its peak RSS
 * read by /usr/bin/time -v. Beside it, in the same run, MySQL's own LOAD DATA LOCAL INFILE of the same
 * cleaned file: into the real client_queries of a freshly migrated, empty database (every index and
 * foreign key our load maintains), as one would do by hand, once before and once after our load; and
 * into a plain table of text columns. Our load runs twice: the second run must change nothing.
 *   npx tsx bench/pipeline-bench.ts [--rows 1000000]
 *   BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306); BENCH_INNODB_BUFFER_POOL_MB sets the
 *   server's buffer pool for the run and restores it after.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../adapters/storage/sequelize-store';
import { connection, loadDataInfile, serverSettings } from './mysql-admin';
import { timedCommand, type TimedRun } from './timed-command';

const { values, positionals } = parseArgs({ options: { rows: { type: 'string' } }, allowPositionals: true });
const ROWS = Number(values.rows ?? positionals[0] ?? 1_000_000);
const BASE = (process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const CLI = join(__dirname, '..', 'dist', 'bot', 'cli.js');
const MB = 1024 * 1024;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

function line(label: string, rows: number, seconds: number, maxRss?: number): string {
  const mem = maxRss === undefined ? '' : `  maxRSS ${mb(maxRss)}`;
  return `${label.padEnd(44)} ${String(rows).padStart(9)} rows ${seconds.toFixed(2).padStart(8)} s ${fmt(rows / seconds).padStart(9)} rows/s${mem}`;
}

async function timed(fn: () => Promise<number>): Promise<{ rows: number; seconds: number }> {
  const t0 = performance.now();
  const rows = await fn();
  return { rows, seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  if (!Number.isSafeInteger(ROWS) || ROWS < 1)
    throw new Error(`--rows must be a whole number, got ${values.rows ?? positionals[0]}`);
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`npm run build\` first (the bench measures the compiled command)`);
  const dir = mkdtempSync(join(tmpdir(), 'cqms-bench-'));
  const [raw, cleaned] = ['raw.csv', 'cleaned.csv'].map((f) => join(dir, f)) as [string, string];
  const [ours, plainDb, schemaDb] = ['load', 'plain', 'schema'].map((s) => `cqms_bench_${process.pid}_${s}`) as [
    string,
    string,
    string,
  ];
  const admin = await connection(BASE);
  const before = await serverSettings(admin);
  const poolMb = Number(process.env.BENCH_INNODB_BUFFER_POOL_MB ?? 0);
  const cqms = (...args: string[]) =>
    timedCommand([process.execPath, CLI, ...args], { DATABASE_URL: `${BASE}/${ours}` });
  try {
    await admin.query('SET GLOBAL local_infile = 1');
    if (poolMb > 0) await admin.query(`SET GLOBAL innodb_buffer_pool_size = ${poolMb * MB}`);
    console.log(`pipeline bench: ${fmt(ROWS)} rows, MySQL ${BASE}, Node ${process.version}`);
    console.log(`  server ${JSON.stringify(await serverSettings(admin))}`);

    const gen = await cqms('data', 'generate', '--rows', String(ROWS), '--out', raw);
    console.log(line('cqms data generate', ROWS, gen.seconds, gen.maxRss), `\n  raw file ${mb(statSync(raw).size)}`);
    const clean = await cqms('data', 'clean', raw, '--out', cleaned);
    console.log(
      line('cqms data clean', ROWS, clean.seconds, clean.maxRss),
      `\n  ${clean.out[0]}\n  cleaned file ${mb(statSync(cleaned).size)}`,
    );
    const rows = Number(/out (\d+)/.exec(clean.out[0] ?? '')?.[1]);

    // The same-schema LOAD DATA runs before and after our load: on a shared machine one run alone can be lucky.
    const schemaLoad = async (n: number) => {
      const db = `${schemaDb}${n}`;
      await (await openStore(`${BASE}/${db}`, { migrate: true })).close();
      const r = await timed(() => loadDataInfile(BASE, db, cleaned, 'schema'));
      await admin.query(`DROP DATABASE \`${db}\``);
      console.log(line(`LOAD DATA into client_queries (fresh) #${n}`, r.rows, r.seconds));
      return r;
    };
    const schemaBefore = await schemaLoad(1);

    await (await openStore(`${BASE}/${ours}`, { migrate: true })).close();
    const load: TimedRun = await cqms('data', 'load', cleaned);
    console.log(
      line('cqms data load (fresh migrated database)', rows, load.seconds, load.maxRss),
      `\n  ${load.out.join('\n  ')}`,
    );
    const again = await cqms('data', 'load', cleaned);
    console.log(line('cqms data load, same file again (no change)', rows, again.seconds, again.maxRss));

    const schemaAfter = await schemaLoad(2);
    await admin.query(`CREATE DATABASE \`${plainDb}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const plain = await timed(() => loadDataInfile(BASE, plainDb, cleaned, 'plain'));
    console.log(line('LOAD DATA into a plain table (text columns)', plain.rows, plain.seconds));

    const ourRate = rows / load.seconds;
    const ratio = (r: { rows: number; seconds: number }) => (ourRate / (r.rows / r.seconds)).toFixed(2);
    console.log(
      `ratio cqms data load / LOAD DATA into client_queries with its indexes: ${ratio(schemaBefore)} (#1), ${ratio(schemaAfter)} (#2); target >= 0.50`,
    );
    console.log(
      `ratio cqms data load / LOAD DATA into a plain table: ${ratio(plain)} (no indexes, no checks, no accounts: a floor for any loader)`,
    );
    const peak = Math.max(gen.maxRss, clean.maxRss, load.maxRss, again.maxRss);
    console.log(`peak RSS of the pipeline commands: maxRSS ${mb(peak)} (load ${mb(load.maxRss)}; target < 300 MB)`);
  } finally {
    if (poolMb > 0) await admin.query(`SET GLOBAL innodb_buffer_pool_size = ${Number(before.innodb_buffer_pool_size)}`);
    for (const db of [ours, plainDb, `${schemaDb}1`, `${schemaDb}2`])
      await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
