import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { CsvInputError } from './csv-input-error';
import { firstInvalidUtf8, unfinishedTail } from './utf8-scan';

/**
 * Passes bytes through unchanged, counting them for progress, and stops at the first NUL byte (text never
 * holds one, while images, archives, spreadsheets and UTF-16 files almost always do) or the first byte that
 * is not UTF-8: decoded anyway it would be stored as U+FFFD, silently losing what the file said.
 */
export class TextGuard extends Transform {
  bytes = 0;
  private lines = 1;
  /** A character cut by the chunk boundary, checked with the next chunk. */
  private tail: Buffer = Buffer.alloc(0);

  constructor(private readonly file: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      done(
        new CsvInputError(
          `${this.file}: not a CSV text file: binary data (a NUL byte) on line ${this.lines + countNewlines(chunk, nul)}`,
        ),
      );
      return;
    }
    const text = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    const whole = text.length - unfinishedTail(text);
    const body = text.subarray(0, whole);
    if (!isUtf8(body)) {
      done(this.notUtf8(body, firstInvalidUtf8(body)));
      return;
    }
    this.tail = Buffer.from(text.subarray(whole));
    this.lines += countNewlines(chunk, chunk.length);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    done(this.tail.length ? this.notUtf8(this.tail, 0) : null);
  }

  /** `at` is an offset in `text`, which starts with the held tail: the tail holds no newline. */
  private notUtf8(text: Buffer, at: number): CsvInputError {
    const line = this.lines + countNewlines(text, at);
    const byte = text[at]!.toString(16).toUpperCase().padStart(2, '0');
    return new CsvInputError(
      `${this.file}: not UTF-8 text: byte 0x${byte} on line ${line} starts no UTF-8 character (save the file as UTF-8 and load it again)`,
    );
  }
}

function countNewlines(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
}
