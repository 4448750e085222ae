import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'csv-stringify/sync';

const PIECE_ROWS = 250;

/**
 * Writes CSV in batches with back-pressure: a batch is stringified, written, and the next waits while
 * the file stream's buffer is full. Output goes to a temporary name and takes its real name only on
 * commit, so a run that fails never leaves a half-written file that looks complete.
 */
export class CsvSink {
  private readonly temp: string;
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  constructor(
    readonly file: string,
    header: readonly string[],
  ) {
    mkdirSync(dirname(file), { recursive: true });
    this.temp = `${file}.partial-${process.pid}`;
    this.stream = createWriteStream(this.temp);
    this.stream.on('error', (e) => (this.failure ??= e));
    this.stream.write(stringify([header]));
  }

  /**
   * Stringifies and hands the records to the file stream at once; the promise only waits for the
   * stream to drain. Not an async function on purpose: its suspended frame would keep the records
   * alive while waiting, long enough for V8 to promote them to the old generation.
   */
  write(records: readonly (readonly string[])[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    let full = false;
    // Strings past ~128 KB go straight to V8's old generation and linger until a full collection;
    // stringifying a few hundred rows at a time keeps them short-lived.
    for (let i = 0; i < records.length; i += PIECE_ROWS) {
      full = !this.stream.write(stringify(records.slice(i, i + PIECE_ROWS) as string[][]));
    }
    return full ? this.drained() : Promise.resolve();
  }

  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    if (this.failure) throw this.failure;
    renameSync(this.temp, this.file);
  }

  /** Drops the partial output, once the stream has let go of it (it may still be opening the file). */
  async discard(): Promise<void> {
    if (!this.stream.closed) await new Promise<void>((resolve) => this.stream.once('close', () => resolve()).destroy());
    rmSync(this.temp, { force: true });
  }

  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        if (this.failure) reject(this.failure);
        else resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }
}
