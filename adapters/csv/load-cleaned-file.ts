import { CLEANED_COLUMNS, type CleanedColumn, type CleanedRow } from '../../core/cleaning/columns';
import { importRowOf } from '../../core/cleaning/import-row-of';
import type { DeskDeps } from '../../core/desk/desk-deps';
import { ValidationFailed } from '../../core/errors';
import { importQueries, type ImportRow } from '../../core/imports/import-queries';
import { CsvInputError } from './csv-input-error';
import { CsvSource, type CsvRecord } from './csv-source';

export interface LoadSummary {
  rows: number;
  inserted: number;
  skipped: number;
  usersCreated: number;
}

export interface LoadOptions {
  batchSize?: number;
  onProgress?: (bytesRead: number, size: number, rows: number) => void;
}

const NOT_CLEANED_HINT = ' (is it a cleaned file? run `cqms data clean` on a raw export first)';

/**
 * Reads the whole cleaned file once without writing anything, so a broken line near the end is
 * found before the first batch lands in the store; returns the number of rows.
 */
export async function verifyCleanedFile(file: string, opts: LoadOptions = {}): Promise<number> {
  let rows = 0;
  for await (const batch of importBatches(await openCleaned(file), opts)) rows += batch.length;
  return rows;
}

/**
 * Streams a cleaned file into the store through core's importQueries, one transaction per batch.
 * The next batch is parsed while the previous one is being written, and only one batch is ever in
 * flight: batches must commit in order for the "already loaded" check to see the earlier ones.
 */
export async function loadCleanedFile(deps: DeskDeps, file: string, opts: LoadOptions = {}): Promise<LoadSummary> {
  const total: LoadSummary = { rows: 0, inserted: 0, skipped: 0, usersCreated: 0 };
  let inFlight: Promise<void> | null = null;
  for await (const rows of importBatches(await openCleaned(file), opts)) {
    if (inFlight) await inFlight;
    inFlight = importQueries(deps, rows).then((r) => {
      total.rows += rows.length;
      total.inserted += r.inserted;
      total.skipped += r.skipped;
      total.usersCreated += r.usersCreated;
    });
    // Handled when awaited; this only keeps Node from reporting it as unhandled in between.
    inFlight.catch(() => undefined);
  }
  if (inFlight) await inFlight;
  return total;
}

function openCleaned(file: string): Promise<CsvSource<CleanedColumn>> {
  return CsvSource.open(file, CLEANED_COLUMNS, NOT_CLEANED_HINT);
}

async function* importBatches(source: CsvSource<CleanedColumn>, opts: LoadOptions): AsyncGenerator<ImportRow[]> {
  const batches = source.batches(opts.batchSize ?? 5000);
  // The parsed records are dropped inside `next` and only the converted rows reach this frame.
  const next = async (): Promise<ImportRow[] | null> => {
    const r = await batches.next();
    return r.done ? null : r.value.map((record) => toImportRow(source, record));
  };
  let rows = 0;
  try {
    for (let converted = await next(); converted; converted = await next()) {
      rows += converted.length;
      opts.onProgress?.(source.bytesRead, source.size, rows);
      yield converted;
    }
  } finally {
    source.close();
  }
}

function toImportRow(source: CsvSource<CleanedColumn>, r: CsvRecord): ImportRow {
  const row = {} as CleanedRow;
  for (const c of CLEANED_COLUMNS) row[c] = r.fields[source.columns[c]] ?? '';
  try {
    return importRowOf(row, r.line);
  } catch (e) {
    if (e instanceof ValidationFailed) throw new CsvInputError(`${source.file}: ${e.message}`);
    throw e;
  }
}
