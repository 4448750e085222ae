import { countOutcome, emptyReport, type CleanReport } from '../../core/cleaning/clean-report';
import { CLEANED_COLUMNS, RAW_COLUMNS, REJECT_COLUMNS, type RawRow } from '../../core/cleaning/columns';
import { RowCleaner } from '../../core/cleaning/row-cleaner';
import { CsvSink } from './csv-sink';
import { CsvSource, type CsvRecord } from './csv-source';

export interface CleanFileOptions {
  input: string;
  output: string;
  rejects: string;
  /** Called after each batch with bytes read and the file's size. */
  onProgress?: (bytesRead: number, size: number, rows: number) => void;
}

const BATCH = 500;

/**
 * Streams a raw export through the cleaning rules: every row lands in the cleaned file or in the
 * rejects file (its original fields, the reason and its line), so rows_in = rows_out + rejected.
 */
export async function cleanCsvFile(o: CleanFileOptions): Promise<CleanReport> {
  const source = await CsvSource.open(o.input, RAW_COLUMNS);
  const cleaned = new CsvSink(o.output, CLEANED_COLUMNS);
  const rejects = new CsvSink(o.rejects, [...source.header, ...REJECT_COLUMNS]);
  const cleaner = new RowCleaner();
  const report = emptyReport();
  try {
    const batches = source.batches(BATCH);
    // step returns (rather than awaits) the write, so no suspended frame holds the batch while the
    // file stream drains and the parser reads ahead: the rows die young instead of being promoted.
    const step = async (): Promise<boolean> => {
      const next = await batches.next();
      if (next.done) return false;
      return cleanBatch(next.value, source.columns, cleaner, report, cleaned, rejects).then(() => true);
    };
    while (await step()) o.onProgress?.(source.bytesRead, source.size, report.rows_in);
    await Promise.all([cleaned.commit(), rejects.commit()]);
    return report;
  } catch (e) {
    source.close();
    await Promise.all([cleaned.discard(), rejects.discard()]);
    throw e;
  }
}

function cleanBatch(
  batch: CsvRecord[],
  columns: Record<keyof RawRow, number>,
  cleaner: RowCleaner,
  report: CleanReport,
  cleaned: CsvSink,
  rejects: CsvSink,
): Promise<unknown> {
  const good: string[][] = [];
  const bad: string[][] = [];
  for (const { line, fields } of batch) {
    const outcome = cleaner.clean(rawRowOf(fields, columns));
    countOutcome(report, outcome);
    if (outcome.kind === 'cleaned') good.push(CLEANED_COLUMNS.map((c) => outcome.row[c]));
    else bad.push([...fields, outcome.reason, String(line)]);
  }
  return Promise.all([cleaned.write(good), rejects.write(bad)]);
}

function rawRowOf(fields: readonly string[], at: Record<keyof RawRow, number>): RawRow {
  const v = (c: keyof RawRow) => fields[at[c]] ?? '';
  return {
    query_id: v('query_id'),
    client_email: v('client_email'),
    client_mobile: v('client_mobile'),
    query_heading: v('query_heading'),
    query_description: v('query_description'),
    status: v('status'),
    date_opened: v('date_opened'),
    date_closed: v('date_closed'),
  };
}
