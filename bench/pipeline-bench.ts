/**
 * Generate 1,000,000 raw rows, clean them, load the cleaned file into a fresh MySQL database through
 * the same code as `cqms data load`, and beside it MySQL's own LOAD DATA LOCAL INFILE of the same
 * cleaned file into a plain table. Prints rows/s per phase, peak RSS, and the load/LOAD DATA ratio.
 *   npx tsx bench/pipeline-bench.ts [rows]       (BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306)
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { argon2Hasher } from '../adapters/crypto/argon2-hasher';
import { InProcessQueue } from '../adapters/queue/in-process-queue';
import { cleanCsvFile } from '../adapters/csv/clean-csv-file';
import { loadCleanedFile, verifyCleanedFile } from '../adapters/csv/load-cleaned-file';
import { writeRawCsv } from '../adapters/csv/write-raw-csv';
import { openStore } from '../adapters/storage/sequelize-store';
import { DEFAULT_DESK_CONFIG } from '../core/config/desk-config';
import { generateRawRows } from '../core/cleaning/generator';
import { systemClock } from '../core/ports/clock';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BASE = (process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const MB = 1024 * 1024;

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sampleRss, 20);

async function phase<T>(name: string, rows: (r: T) => number, fn: () => Promise<T>): Promise<{ result: T; seconds: number; rowsPerSecond: number }> {
  peakRss = 0;
  sampleRss();
  const t0 = process.hrtime.bigint();
  const result = await fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  sampleRss();
  const n = rows(result);
  const rowsPerSecond = n / seconds;
  console.log(`${name.padEnd(26)} ${String(n).padStart(9)} rows  ${seconds.toFixed(2).padStart(7)} s  ${Math.round(rowsPerSecond).toLocaleString('en-US').padStart(9)} rows/s  peak RSS ${(peakRss / MB).toFixed(0)} MB`);
  return { result, seconds, rowsPerSecond };
}

function connection(database?: string) {
  const u = new URL(BASE);
  return mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    ...(database ? { database } : {}),
  });
}

async function loadDataInfile(db: string, file: string): Promise<number> {
  const conn = await connection(db);
  try {
    await conn.query(`CREATE TABLE plain_cleaned (
      query_id VARCHAR(64), client_email VARCHAR(254), email_valid VARCHAR(5), client_mobile VARCHAR(16), mobile_valid VARCHAR(5),
      query_heading VARCHAR(64), query_description TEXT, status VARCHAR(16), query_created_time VARCHAR(32),
      query_closed_time VARCHAR(32), resolution_hours VARCHAR(16)) CHARACTER SET utf8mb4`);
    const [res] = await conn.query({
      sql: `LOAD DATA LOCAL INFILE ? INTO TABLE plain_cleaned CHARACTER SET utf8mb4
            FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\\n' IGNORE 1 LINES`,
      values: [file],
      infileStreamFactory: (path: string) => createReadStream(path),
    });
    return (res as { affectedRows: number }).affectedRows;
  } finally {
    await conn.end();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cqms-bench-'));
  const raw = join(dir, 'raw.csv');
  const cleaned = join(dir, 'cleaned.csv');
  const db = `cqms_bench_${process.pid}`;
  const admin = await connection();
  await admin.query('SET GLOBAL local_infile = 1');
  console.log(`pipeline bench: ${ROWS.toLocaleString('en-US')} rows, MySQL ${BASE}, Node ${process.version}`);
  try {
    await phase('generate', (n: number) => n, () => writeRawCsv(raw, generateRawRows({ rows: ROWS, seed: 42 })));
    console.log(`  raw file ${(statSync(raw).size / MB).toFixed(1)} MB`);
    const clean = await phase('clean', (r) => r.rows_in, () => cleanCsvFile({ input: raw, output: cleaned, rejects: join(dir, 'rejects.csv') }));
    console.log(`  ${JSON.stringify(clean.result)}`);
    console.log(`  cleaned file ${(statSync(cleaned).size / MB).toFixed(1)} MB`);
    const store = await openStore(`${BASE}/${db}`, { migrate: true });
    // Imports announce nothing, so this queue never receives a job.
    const deps = { store, clock: systemClock, config: DEFAULT_DESK_CONFIG, hasher: argon2Hasher(), jobs: new InProcessQueue(async () => undefined) };
    let check, load;
    try {
      check = await phase('load: check pass', (n: number) => n, () => verifyCleanedFile(cleaned));
      load = await phase('load: write pass', (s) => s.rows, () => loadCleanedFile(deps, cleaned));
      console.log(`  ${JSON.stringify(load.result)}`);
    } finally {
      await store.close();
    }
    const infile = await phase('LOAD DATA LOCAL INFILE', (n: number) => n, () => loadDataInfile(db, cleaned));
    const loadTotal = check.seconds + load.seconds;
    const loadRate = load.result.rows / loadTotal;
    console.log(`load (check + write)       ${String(load.result.rows).padStart(9)} rows  ${loadTotal.toFixed(2).padStart(7)} s  ${Math.round(loadRate).toLocaleString('en-US').padStart(9)} rows/s`);
    console.log(`ratio load / LOAD DATA: ${(loadRate / infile.rowsPerSecond).toFixed(2)} (write pass alone: ${(load.rowsPerSecond / infile.rowsPerSecond).toFixed(2)}; target >= 0.50)`);
    clearInterval(sampler);
    console.log(`peak RSS over the run: sampled ${(Math.max(peakRss, process.memoryUsage().rss) / MB).toFixed(0)} MB per phase max above; process.resourceUsage().maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (target < 300 MB)`);
  } finally {
    clearInterval(sampler);
    await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
