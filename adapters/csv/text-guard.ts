import { Transform, type TransformCallback } from 'node:stream';
import { CsvInputError } from './csv-input-error';

/**
 * Passes bytes through unchanged, counting them for progress, and stops at the first NUL byte:
 * text never contains one, while images, archives, spreadsheets and UTF-16 files almost always do.
 */
export class TextGuard extends Transform {
  bytes = 0;
  private lines = 1;

  constructor(private readonly file: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      const line = this.lines + countNewlines(chunk, nul);
      done(new CsvInputError(`${this.file}: not a CSV text file: binary data (a NUL byte) on line ${line}`));
      return;
    }
    this.lines += countNewlines(chunk, chunk.length);
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

function countNewlines(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
}
