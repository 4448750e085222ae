import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvInputError } from './csv-input-error';
import { CsvSource, type CsvRecord } from './csv-source';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'csv-source-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
const file = (content: string | Buffer) => {
  const path = join(dir, `f${++seq}.csv`);
  writeFileSync(path, content);
  return path;
};

async function readAll(
  path: string,
  required: readonly string[] = ['a', 'b'],
  batch = 1000,
): Promise<{ source: CsvSource<string>; records: CsvRecord[] }> {
  const source = await CsvSource.open(path, required);
  const records: CsvRecord[] = [];
  for await (const b of source.batches(batch)) records.push(...b);
  return { source, records };
}

async function failure(path: string, required: readonly string[] = ['a', 'b']): Promise<string> {
  try {
    await readAll(path, required);
  } catch (e) {
    expect(e).toBeInstanceOf(CsvInputError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('the file was accepted');
}

describe('CsvSource', () => {
  it('reads UTF-8 with a BOM and CRLF, RFC 4180 quotes, and the line each record starts on', async () => {
    const { source, records } = await readAll(file('\ufeffA , b\r\n1,"x, ""y""\r\nz"\r\n\r\n2,nà\r\n'));
    expect(source.header).toEqual(['A ', ' b']);
    expect(source.columns).toEqual({ a: 0, b: 1 });
    expect(records).toEqual([
      { line: 2, fields: ['1', 'x, "y"\r\nz'] },
      { line: 5, fields: ['2', 'nà'] },
    ]);
  });

  it('reads LF files without a final newline, and extra columns in any order', async () => {
    const { source, records } = await readAll(file('extra,b,a\nq,1,2\nr,3,"4\n5"\ns,6,7'));
    expect(source.columns).toEqual({ a: 2, b: 1 });
    expect(records.map((r) => [r.line, r.fields[2]])).toEqual([
      [2, '2'],
      [3, '4\n5'],
      [5, '7'],
    ]);
  });

  it('hands out batches of the requested size', async () => {
    const { records } = await readAll(file(`a,b\n${'1,2\n'.repeat(25)}`), ['a', 'b'], 10);
    const source = await CsvSource.open(file(`a,b\n${'1,2\n'.repeat(25)}`), ['a', 'b']);
    const sizes: number[] = [];
    for await (const b of source.batches(10)) sizes.push(b.length);
    expect([records.length, sizes]).toEqual([25, [10, 10, 5]]);
  });

  it('stops reading the file while the consumer is busy (back-pressure)', async () => {
    const row = `1,${'x'.repeat(200)}\n`;
    const path = file(`a,b\n${row.repeat(100_000)}`);
    const source = await CsvSource.open(path, ['a', 'b']);
    const it = source.batches(100);
    await it.next();
    await new Promise((r) => setTimeout(r, 200));
    expect(source.bytesRead).toBeLessThan(source.size / 4);
    await it.return(undefined);
    source.close();
  });

  it('says the file does not exist', async () => {
    expect(await failure(join(dir, 'absent.csv'))).toBe(`${join(dir, 'absent.csv')}: no such file`);
  });

  it('says a directory is not a file', async () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    expect(await failure(sub)).toBe(`${sub}: not a regular file`);
  });

  it.each([
    ['zero bytes', ''],
    ['only a BOM', '\ufeff'],
    ['only blank lines', '\n\n  \n'],
    ['only CRLF blank lines', '\r\n\r\n'],
  ])('says a file with %s is empty', async (_name, content) => {
    expect(await failure(file(content))).toMatch(/: the file is empty \(no header line\)$/);
  });

  it('names the missing columns and shows the header it found', async () => {
    expect(await failure(file('a,c\n1,2\n'), ['a', 'b', 'd'])).toMatch(
      /: missing required column\(s\) b, d; the header has "a", "c"$/,
    );
  });

  it('refuses a header that names a column twice', async () => {
    expect(await failure(file('a,b,A\n1,2,3\n'))).toMatch(/names the column "a" twice/);
  });

  it('refuses binary data and says on which line', async () => {
    expect(await failure(file(Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0x00, 0x89, 0x50])])))).toMatch(
      /not a CSV text file: binary data \(a NUL byte\) on line 3$/,
    );
    expect(await failure(file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])))).toMatch(
      /binary data .* on line 3$/,
    );
  });

  it('reports a quote that is never closed at the line where its record starts', async () => {
    expect(await failure(file('a,b\n1,2\n3,"open\n4,5\n6,7\n'))).toMatch(
      /the quoted field opened in the record on line 3 is never closed$/,
    );
  });

  it('reports a stray quote inside an unquoted field', async () => {
    expect(await failure(file('a,b\n1,2\n3,x"y\n'))).toMatch(/misplaced quote in the record on line 3/);
  });

  it('reports a record with the wrong number of fields', async () => {
    expect(await failure(file('a,b\n1,2\n3\n'))).toMatch(/: line 3 has 1 field\(s\); the header has 2$/);
  });

  it('refuses bytes that are not UTF-8, naming the line, and takes a character split between two reads', async () => {
    const latin1 = Buffer.concat([Buffer.from('a,b\n1,2\n3,caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(await failure(file(latin1))).toMatch(
      /not UTF-8 text: byte 0xE9 on line 3 starts no UTF-8 character \(save the file as UTF-8/,
    );
    // The reader takes 64 KiB at a time: a three-byte euro sign straddles the first boundary.
    const head = 'a,b\n1,';
    const straddle = Buffer.from(`${head}${'x'.repeat(65_536 - head.length - 1)}€\n2,ok\n`);
    expect(straddle.indexOf(Buffer.from('€'))).toBe(65_535);
    const { records } = await readAll(file(straddle));
    expect(records.map((r) => r.fields[1]!.slice(-1))).toEqual(['€', 'k']);
    expect(await failure(file(Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0xe2, 0x82])])))).toMatch(
      /byte 0xE2 on line 3/,
    );
  });

  it('names the line of the broken record, not the line the reader had reached', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},"two\r\nlines"`).join('\r\n');
    const path = file(`a,b\r\n${rows}\r\n9,"open\r\n1,2\r\n`);
    // The header is line 1; each record takes two lines.
    expect(await failure(path)).toMatch(/the quoted field opened in the record on line 6002 is never closed$/);
    const source = await CsvSource.open(path, ['a', 'b']);
    await expect(
      (async () => {
        for await (const _ of source.batches(10)) void _;
      })(),
    ).rejects.toThrow(/record on line 6002 is never closed/);
  });

  it('tells a record over 1 MiB from a quote that is never closed', async () => {
    const long = 'x'.repeat(1.2 * 1024 * 1024);
    expect(await failure(file(`a,b\n1,2\n3,"${long}"\n4,5\n`))).toMatch(
      /the record on line 3 is 1\.2 MiB long; a record may hold at most 1\.0 MiB$/,
    );
    // Unquoted rows for more than 1 MiB, then a quoted one: its opening quote "closes" the open field.
    const following = Array.from({ length: 100_000 }, (_, i) => `${i},row ${i}`).join('\n');
    expect(await failure(file(`a,b\n1,2\n3,"open\n${following}\n7,"quoted"\n`))).toMatch(
      /the quoted field opened in the record on line 3 is never closed \(it runs on to line 100004, past 1\.0 MiB\)$/,
    );
    expect(await failure(file(`a,b\n1,2\n3,"open\n${long}\n`))).toMatch(
      /the quoted field opened in the record on line 3 is never closed$/,
    );
  });
});
