/**
 * One phase of the pipeline bench in its own process, as `cqms data ...` runs: prints one JSON line
 * with rows, seconds and the process's peak memory. Started by pipeline-bench.ts.
 */
// Modules are imported by the phase that needs them: a command loads only its own, and so should this.

export interface PhaseResult {
  phase: string;
  rows: number;
  seconds: number;
  /** For load: the read-only check pass and the write pass. */
  split?: { checkSeconds: number; writeSeconds: number };
  detail?: unknown;
  /** Highest process.memoryUsage().rss seen, sampled every 20 ms. */
  peakRss: number;
  /** process.resourceUsage().maxRSS, in bytes. */
  maxRss: number;
}

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 20);
const clock = () => Number(process.hrtime.bigint()) / 1e9;

async function run(phase: string, args: string[]): Promise<Omit<PhaseResult, 'peakRss' | 'maxRss'>> {
  const [a = '', b = '', c = ''] = args;
  const t0 = clock();
  const timed = (rows: number, extra: Partial<PhaseResult> = {}) => ({ phase, rows, seconds: clock() - t0, ...extra });
  switch (phase) {
    case 'generate': {
      const { writeRawCsv } = await import('../adapters/csv/write-raw-csv.js');
      const { generateRawRows } = await import('../core/cleaning/generator.js');
      return timed(await writeRawCsv(a, generateRawRows({ rows: Number(b), seed: 42 })));
    }
    case 'clean': {
      const { cleanCsvFile } = await import('../adapters/csv/clean-csv-file.js');
      const report = await cleanCsvFile({ input: a, output: b, rejects: c });
      return timed(report.rows_in, { detail: report });
    }
    case 'load': {
      const { loadCleanedFile, verifyCleanedFile } = await import('../adapters/csv/load-cleaned-file.js');
      const { openStore } = await import('../adapters/storage/sequelize-store.js');
      const { testDesk } = await import('../test/support/test-desk.js');
      const store = await openStore(b, { migrate: true });
      try {
        const start = clock();
        await verifyCleanedFile(a);
        const checked = clock();
        const summary = await loadCleanedFile(testDesk(store), a);
        const done = clock();
        return { phase, rows: summary.rows, seconds: done - start, split: { checkSeconds: checked - start, writeSeconds: done - checked }, detail: summary };
      } finally {
        await store.close();
      }
    }
    case 'infile-plain':
    case 'infile-indexed': {
      const { loadDataInfile } = await import('./mysql-admin.js');
      return timed(await loadDataInfile(b, c, a, phase === 'infile-plain' ? 'plain' : 'indexed'));
    }
    default:
      throw new Error(`unknown phase ${phase}`);
  }
}

run(process.argv[2] ?? '', process.argv.slice(3))
  .then((r) => {
    sample();
    clearInterval(sampler);
    process.stdout.write(`${JSON.stringify({ ...r, peakRss, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
  })
  .catch((e: unknown) => {
    clearInterval(sampler);
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
