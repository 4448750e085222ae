import { CLEANED_COLUMNS, type CleanedColumn, type CleanedRow } from '../../core/cleaning/columns';
import { importRowOf } from '../../core/cleaning/import-row-of';
import type { DeskDeps } from '../../core/desk/desk-deps';
import { ValidationFailed } from '../../core/errors';
import { bulkImportQueries, importQueriesIn, type ImportRow } from '../../core/imports/import-queries';
import { testPause } from '../storage/bulk-load/test-pause';
import { CsvInputError } from './csv-input-error';
import { CsvSource, type CsvRecord } from './csv-source';

export interface LoadSummary {
  rows: number;
  inserted: number;
  skipped: number;
  usersCreated: number;
  /** Secondary indexes dropped for the load and rebuilt in one pass after it (MySQL, large loads). */
  rebuiltIndexes: number;
}

export interface LoadOptions {
  /** Rows per batch; 5000 when undefined. */
  batchSize?: number | undefined;
  /** While the file is read and checked (on MySQL also staged): bytes read of the file's size, rows so far. */
  onCheck?: (bytesRead: number, size: number, rows: number) => void;
  /** While rows are written to the store: rows done of total. */
  onWrite?: (done: number, total: number) => void;
}

const NOT_CLEANED_HINT = ' (is it a cleaned file? run `cqms data clean` on a raw export first)';

/** Reads the header only: a missing file or a file that is not a cleaned export fails at once. */
export async function checkCleanedHeader(file: string): Promise<void> {
  (await openCleaned(file)).close();
}

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
 * Loads a cleaned file through core, creating client accounts by email; loading it twice changes
 * nothing. Where the store has a set-based import (MySQL), the file is read once into a staging table
 * (that read is the check: a bad row leaves the store untouched) and written in a few statements.
 * Elsewhere (SQLite) the file is checked in a first pass, then written in batches.
 */
export async function loadCleanedFile(deps: DeskDeps, file: string, opts: LoadOptions = {}): Promise<LoadSummary> {
  const bulk = await deps.store.openBulkImport();
  if (!bulk) return loadInBatches(deps, file, opts);
  try {
    const r = await bulkImportQueries(
      bulk,
      importBatches(await openCleaned(file), opts),
      deps.clock.now(),
      opts.onWrite,
    );
    return {
      rows: r.inserted + r.skipped,
      inserted: r.inserted,
      skipped: r.skipped,
      usersCreated: r.usersCreated,
      rebuiltIndexes: r.rebuiltIndexes.length,
    };
  } finally {
    await bulk.close();
  }
}

/**
 * One transaction for the whole file, so a load killed or failed half-way leaves none of its rows and no
 * account (SQLite rolls back an unfinished transaction when the file is next opened). Batches are written in
 * order inside it, so the "already loaded" check sees the earlier ones.
 */
async function loadInBatches(deps: DeskDeps, file: string, opts: LoadOptions): Promise<LoadSummary> {
  const rows = await verifyCleanedFile(file, opts);
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const total: LoadSummary = { rows: 0, inserted: 0, skipped: 0, usersCreated: 0, rebuiltIndexes: 0 };
    for await (const batch of importBatches(await openCleaned(file), { batchSize: opts.batchSize })) {
      if (total.rows > 0) await testPause('inserting');
      const r = await importQueriesIn(tx, batch, now);
      total.rows += batch.length;
      total.inserted += r.inserted;
      total.skipped += r.skipped;
      total.usersCreated += r.usersCreated;
      opts.onWrite?.(total.rows, rows);
    }
    return total;
  });
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
      opts.onCheck?.(source.bytesRead, source.size, rows);
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
