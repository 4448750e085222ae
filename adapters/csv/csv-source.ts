import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { parse, type Parser } from 'csv-parse';
import { CsvInputError, describeParseFailure } from './csv-input-error';
import { diagnoseLongRecord } from './long-record';
import { locateColumns } from './header-check';
import { TextGuard } from './text-guard';

export interface CsvRecord {
  /** Line on which the record starts (1 is the header). */
  line: number;
  fields: string[];
}

// An unclosed quote would otherwise swallow the rest of the file into one field, in memory.
const MAX_RECORD_BYTES = 1 << 20;

/** Where the stream stands; the pipeline's callback, the parser's record hook and the reader share it. */
class StreamState {
  failure: unknown = null;
  ended = false;
  /** Line and byte offset where the next record starts: once parsing fails, where the broken record starts. */
  nextLine = 1;
  nextByte = 0;
  /** The starting line of each record parsed and not yet read, in order. */
  readonly lines: number[] = [];
  private waiter: (() => void) | null = null;

  notify(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  wait(): Promise<void> {
    return new Promise((resolve) => (this.waiter = resolve));
  }
}

/**
 * A CSV file read as a stream of record batches (UTF-8, optional BOM, LF or CRLF, RFC 4180 quotes):
 * memory stays at one batch plus the stream buffers whatever the file size. Opening reads and checks
 * the header, so a wrong file fails before anything is written anywhere.
 */
export class CsvSource<C extends string> {
  private constructor(
    readonly file: string,
    readonly size: number,
    readonly header: string[],
    /** Position of each required column in a record. */
    readonly columns: Record<C, number>,
    private readonly guard: TextGuard,
    private readonly parser: Parser,
    private readonly state: StreamState,
  ) {}

  /** `hint` is added to a missing-columns message (what file was expected instead). */
  static async open<C extends string>(file: string, required: readonly C[], hint = ''): Promise<CsvSource<C>> {
    const size = await sizeOf(file);
    const guard = new TextGuard(file);
    const state = new StreamState();
    // Lines are counted as records are parsed, not as they are read: parsing runs ahead of the reader, and
    // csv-parse's own count drifts after quoted fields that hold CRLF.
    const parser = parse({
      bom: true,
      relax_column_count: true,
      max_record_size: MAX_RECORD_BYTES,
      on_record: (fields, info) => {
        state.lines.push(state.nextLine);
        state.nextLine += 1 + newlinesIn(fields);
        state.nextByte = info.bytes;
        return fields;
      },
    });
    parser.on('readable', () => state.notify());
    parser.on('end', () => ((state.ended = true), state.notify()));
    // Small reads keep parse-ahead short: records parsed long before they are used outlive the young generation.
    pipeline(createReadStream(file, { highWaterMark: 1 << 16 }), guard, parser, (e) => {
      if (e) state.failure ??= e;
      state.notify();
    });
    for (;;) {
      const record = await nextRecord(parser, state);
      if (state.failure) throw await asInputError(file, state);
      if (!record) throw new CsvInputError(`${file}: the file is empty (no header line)`);
      if (!isBlank(record.fields)) {
        const columns = locateColumns(file, record.fields, required, hint);
        return new CsvSource(file, size, record.fields, columns, guard, parser, state);
      }
    }
  }

  /** Bytes read so far, for a progress bar against `size`. */
  get bytesRead(): number {
    return this.guard.bytes;
  }

  /** Records in batches of at most `max`; blank lines are skipped but still counted in line numbers. */
  async *batches(max: number): AsyncGenerator<CsvRecord[]> {
    const batch: CsvRecord[] = [];
    const width = this.header.length;
    for (;;) {
      let fields: string[] | null;
      while (batch.length < max && (fields = this.parser.read() as string[] | null) !== null) {
        const record = { line: this.state.lines.shift()!, fields };
        if (isBlank(record.fields)) continue;
        if (record.fields.length !== width) {
          this.close();
          throw new CsvInputError(
            `${this.file}: line ${record.line} has ${record.fields.length} field(s); the header has ${width}`,
          );
        }
        batch.push(record);
      }
      if (this.state.failure) throw await asInputError(this.file, this.state);
      if (batch.length >= max || (this.state.ended && batch.length > 0)) {
        // splice hands the records over and leaves this suspended frame holding none of them.
        yield batch.splice(0);
      } else if (this.state.ended) {
        return;
      } else {
        await this.state.wait();
      }
    }
  }

  /** Stops reading early (an error downstream); safe to call more than once. */
  close(): void {
    this.state.ended = true;
    this.parser.destroy();
  }
}

async function nextRecord(parser: Parser, state: StreamState): Promise<CsvRecord | null> {
  for (;;) {
    const fields = parser.read() as string[] | null;
    if (fields !== null) return { line: state.lines.shift()!, fields };
    if (state.failure || state.ended) return null;
    await state.wait();
  }
}

async function asInputError(file: string, state: StreamState): Promise<CsvInputError> {
  const e = state.failure;
  if (e instanceof CsvInputError) return e;
  if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE')
    return diagnoseLongRecord(file, state.nextByte, state.nextLine, MAX_RECORD_BYTES);
  return describeParseFailure(file, e, state.nextLine);
}

async function sizeOf(file: string): Promise<number> {
  let s: Awaited<ReturnType<typeof stat>>;
  try {
    s = await stat(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CsvInputError(
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? String(e)})`,
    );
  }
  if (!s.isFile()) throw new CsvInputError(`${file}: not a regular file`);
  return s.size;
}

const isBlank = (fields: string[]) => fields.length === 1 && fields[0]!.trim() === '';

function newlinesIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
  return n;
}
