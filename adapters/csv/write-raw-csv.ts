import { RAW_COLUMNS, type RawRow } from '../../core/cleaning/columns';
import { CsvSink } from './csv-sink';

const BATCH = 2000;

/** Writes raw rows (from the generator) as a CSV file, pulling them one batch at a time. */
export async function writeRawCsv(
  file: string,
  rows: Iterable<RawRow>,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const sink = new CsvSink(file, RAW_COLUMNS);
  let count = 0;
  let batch: string[][] = [];
  try {
    for (const row of rows) {
      batch.push(RAW_COLUMNS.map((c) => row[c]));
      if (batch.length === BATCH) {
        count += batch.length;
        await sink.write(batch);
        onProgress?.(count);
        batch = [];
      }
    }
    count += batch.length;
    await sink.write(batch);
    onProgress?.(count);
    await sink.commit();
    return count;
  } catch (e) {
    await sink.discard();
    throw e;
  }
}
