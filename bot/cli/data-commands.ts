import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { cleanCsvFile } from '../../adapters/csv/clean-csv-file';
import { checkCleanedHeader, loadCleanedFile } from '../../adapters/csv/load-cleaned-file';
import { writeRawCsv } from '../../adapters/csv/write-raw-csv';
import { armTestPause } from '../../adapters/storage/bulk-load/test-pause';
import { redact } from '../../adapters/storage/database-url';
import { describeReport } from '../../core/cleaning/clean-report';
import { generateRawRows } from '../../core/cleaning/generator';
import type { CliContext } from './cli-context';
import { wholeNumber } from './option-values';
import { progressBar, type Progress } from './progress-bar';

const DEFAULT_RAW = 'data/raw/synthetic_raw.csv';
const DEFAULT_CLEANED = 'data/cleaned/cleaned_client_queries.csv';
const MAX_ROWS = 100_000_000;

const n = (x: number) => x.toLocaleString('en-US');
const since = (t0: number) => (Date.now() - t0) / 1000;
const rate = (rows: number, seconds: number) => `${n(Math.round(rows / Math.max(seconds, 0.001)))} rows/s`;

export function registerDataCommands(program: Command, ctx: CliContext): void {
  const data = program.command('data').description('generate, clean and load support exports (CSV)');

  data
    .command('generate')
    .description('write a deterministic synthetic raw export, defects included')
    .requiredOption('--rows <n>', 'number of rows', wholeNumber(1, MAX_ROWS))
    .option('--seed <s>', 'seed: the same seed writes the same file', wholeNumber(0, 2 ** 32 - 1), 42)
    .option('--out <file>', 'output CSV', DEFAULT_RAW)
    .action(async ({ rows, seed, out }: { rows: number; seed: number; out: string }) => {
      const t0 = Date.now();
      const bar = progressBar('generate', process.stderr);
      const written = await writeRawCsv(out, generateRawRows({ rows, seed }), (done) => bar.update(done, rows, done));
      bar.finish();
      ctx.out(
        `Wrote ${n(written)} rows to ${out} (seed ${seed}) in ${since(t0).toFixed(1)} s, ${rate(written, since(t0))}.`,
      );
    });

  data
    .command('clean <in>')
    .description('apply the cleaning rules; every row goes to the cleaned file or to the rejects file with its reason')
    .option('--out <file>', 'cleaned CSV', DEFAULT_CLEANED)
    .option('--rejects <file>', 'rejected rows with reason and line (default: beside --out, *_rejects.csv)')
    .option('--report <file>', 'also write the report as JSON')
    .action(async (input: string, o: { out: string; rejects?: string; report?: string }) => {
      const rejects = o.rejects ?? o.out.replace(/(\.csv)?$/i, '_rejects.csv');
      const t0 = Date.now();
      const bar = progressBar('clean', process.stderr);
      const report = await cleanCsvFile({
        input,
        output: o.out,
        rejects,
        onProgress: (b, size, rows) => bar.update(b, size, rows),
      });
      bar.finish();
      if (o.report) {
        mkdirSync(dirname(o.report), { recursive: true });
        writeFileSync(o.report, `${JSON.stringify(report, null, 2)}\n`);
      }
      for (const line of describeReport(report)) ctx.out(line);
      ctx.out(
        `Cleaned ${input} in ${since(t0).toFixed(1)} s (${rate(report.rows_in, since(t0))}): ${o.out}; rejects: ${rejects}${o.report ? `; report: ${o.report}` : ''}.`,
      );
    });

  data
    .command('load <file>')
    .description('load a cleaned CSV into the store; loading it again changes nothing')
    .action(async (file: string) => {
      // Test only: lets test/resilience/killed-load.test.ts SIGKILL this load at a known phase (test-pause.ts).
      armTestPause(process.env.CQMS_TEST_LOAD_PAUSE);
      const t0 = Date.now();
      await checkCleanedHeader(file);
      const check = progressBar('check', process.stderr);
      let bar: Progress | null = null;
      const onWrite = (done: number, total: number) => {
        if (!bar) check.finish(), (bar = progressBar('load', process.stderr));
        bar.update(done, total, done);
      };
      const s = await ctx.withDesk(
        (deps) => loadCleanedFile(deps, file, { onCheck: (b, size, r) => check.update(b, size, r), onWrite }),
        { migrate: true },
      );
      (bar ?? check).finish();
      ctx.out(
        `Loaded ${file} into ${redact(ctx.env.DATABASE_URL)}: ${n(s.rows)} rows, ${n(s.inserted)} inserted, ` +
          `${n(s.skipped)} already present, ${n(s.usersCreated)} client account(s) created, in ${since(t0).toFixed(1)} s (${rate(s.rows, since(t0))})` +
          `${s.rebuiltIndexes > 0 ? `; ${s.rebuiltIndexes} secondary indexes rebuilt in one pass after the load` : ''}.`,
      );
    });
}
