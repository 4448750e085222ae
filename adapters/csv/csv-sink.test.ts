import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CsvSink } from './csv-sink';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'csv-sink-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CsvSink', () => {
  it('quotes what needs quoting and round-trips through the parser', async () => {
    const path = join(dir, 'nested', 'out.csv');
    const sink = new CsvSink(path, ['a', 'b']);
    const rows = [
      ['1', 'x, "y"\nz'],
      ['2', " '; DROP TABLE x; -- "],
      ['3', ''],
    ];
    await sink.write(rows);
    expect(existsSync(path)).toBe(false);
    await sink.commit();
    expect(parse(readFileSync(path))).toEqual([['a', 'b'], ...rows]);
  });

  it('waits for the file stream to drain instead of buffering without bound', async () => {
    const path = join(dir, 'big.csv');
    const sink = new CsvSink(path, ['a']);
    const batch = Array.from({ length: 2000 }, (_, i) => [`${i}${'y'.repeat(100)}`]);
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i++) await sink.write(batch);
    const stream = (sink as unknown as { stream: { writableLength: number } }).stream;
    expect(stream.writableLength).toBeLessThan(2 * 1024 * 1024);
    await sink.commit();
    expect(readFileSync(path).length).toBeGreaterThan(40_000_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('leaves nothing behind when discarded', async () => {
    const sub = mkdtempSync(join(dir, 'discard-'));
    const sink = new CsvSink(join(sub, 'out.csv'), ['a']);
    await sink.write([['1']]);
    await sink.discard();
    expect(readdirSync(sub)).toEqual([]);
  });
});
