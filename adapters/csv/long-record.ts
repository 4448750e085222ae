import { createReadStream } from 'node:fs';
import { CsvInputError } from './csv-input-error';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
/** How far past the limit the cause is looked for; a file is rarely read that far on a failure. */
const SCAN_BYTES = 64 << 20;

type Ending =
  | { kind: 'complete'; bytes: number }
  | { kind: 'text-after-quote'; line: number }
  | { kind: 'never-closed' }
  | { kind: 'too-far' };

/**
 * A record passed the size limit: re-reads it from where it starts, with RFC 4180's quote rules alone, to say
 * why. A record that ends is just too long; a quote that is never closed, or that "closes" on a later line
 * followed by text (the opening quote of a field further down), is the usual cause instead.
 */
export async function diagnoseLongRecord(
  file: string,
  start: number,
  line: number,
  limit: number,
): Promise<CsvInputError> {
  const ending = await scanRecord(file, start, line);
  const where = `${file}: not a valid CSV file`;
  const mib = (n: number) => `${(n / (1 << 20)).toFixed(1)} MiB`;
  switch (ending.kind) {
    case 'complete':
      return new CsvInputError(
        `${where}: the record on line ${line} is ${mib(ending.bytes)} long; a record may hold at most ${mib(limit)}`,
      );
    case 'text-after-quote':
      return new CsvInputError(
        `${where}: the quoted field opened in the record on line ${line} is never closed (it runs on to line ${ending.line}, past ${mib(limit)})`,
      );
    case 'never-closed':
      return new CsvInputError(`${where}: the quoted field opened in the record on line ${line} is never closed`);
    case 'too-far':
      return new CsvInputError(
        `${where}: the record on line ${line} is longer than ${mib(SCAN_BYTES)}; a record may hold at most ${mib(limit)} (is a quote never closed?)`,
      );
  }
}

async function scanRecord(file: string, start: number, firstLine: number): Promise<Ending> {
  let inQuote = false;
  let afterQuote = false;
  let fieldStart = true;
  let pendingQuote = false;
  let line = firstLine;
  let seen = 0;
  for await (const chunk of createReadStream(file, { start, end: start + SCAN_BYTES - 1 }) as AsyncIterable<Buffer>) {
    for (const c of chunk) {
      seen++;
      if (c === LF) line++;
      if (pendingQuote) {
        pendingQuote = false;
        // "" inside quotes is one quote; anything else after a quote closes the field.
        if (c === QUOTE) continue;
        inQuote = false;
        afterQuote = true;
      }
      if (inQuote) {
        if (c === QUOTE) pendingQuote = true;
        continue;
      }
      if (afterQuote) {
        if (c === COMMA) (afterQuote = false), (fieldStart = true);
        else if (c === LF) return { kind: 'complete', bytes: seen };
        else if (c !== CR) return { kind: 'text-after-quote', line };
        continue;
      }
      if (c === LF) return { kind: 'complete', bytes: seen };
      if (fieldStart && c === QUOTE) inQuote = true;
      fieldStart = c === COMMA;
    }
  }
  if (pendingQuote || afterQuote || (!inQuote && seen < SCAN_BYTES)) return { kind: 'complete', bytes: seen };
  return inQuote && seen < SCAN_BYTES ? { kind: 'never-closed' } : { kind: 'too-far' };
}
