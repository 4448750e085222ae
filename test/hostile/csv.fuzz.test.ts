import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { cleanCsvFile } from '../../adapters/csv/clean-csv-file';
import { CsvInputError } from '../../adapters/csv/csv-input-error';
import { RAW_COLUMNS, type RawRow } from '../../core/cleaning/columns';
import { REJECT_REASONS, RowCleaner } from '../../core/cleaning/row-cleaner';
import { expectNoLeak, fuzz, hostileText } from './hostile-support';

/** Field text as exports get it wrong: plausible values, padding, odd dates, quotes, separators, line breaks. */
const field = fc.oneof(
  hostileText(30),
  fc.constantFrom(
    '',
    ' ',
    'Q1',
    'Q1 ',
    'open',
    'CLOSED',
    'In progress',
    'Resolved',
    '2026-03-02 09:00',
    '02/03/2026',
    '31/02/2026',
    '2026-13-01',
    'zoe@example.com',
    '+91 98765 01234',
    '0000000000',
    'a,b',
    'say "hi"',
    'line\nbreak',
    'cr\r\nlf',
  ),
);

describe('CSV rows under fuzzing', () => {
  it('clean any row into a cleaned row or one of the reject reasons', () => {
    const row = fc.record(
      Object.fromEntries(RAW_COLUMNS.map((c) => [c, field])) as Record<keyof RawRow, fc.Arbitrary<string>>,
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        const cleaner = new RowCleaner();
        for (const r of rows) {
          const out = cleaner.clean(r);
          if (out.kind === 'rejected') expect(REJECT_REASONS).toContain(out.reason);
          else {
            expect(out.row.query_id).toBe(out.row.query_id.trim());
            expect(out.row.query_id).not.toBe('');
            expect(Number.isNaN(Date.parse(out.row.query_created_time))).toBe(false);
          }
        }
      }),
      fuzz(300),
    );
  });

  describe('files of random bytes, quotes, BOMs and line endings through the CSV source', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'cqms-hostile-csv-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
    const record = fc
      .array(fc.oneof(field, field.map(quote), fc.constantFrom('"', '""', '"a"b', 'x"y')), {
        minLength: 1,
        maxLength: 9,
      })
      .map((fs) => fs.join(','));
    const text = fc
      .record({
        bom: fc.constantFrom('', '\ufeff', '\ufeff\ufeff'),
        header: fc.oneof(
          { weight: 4, arbitrary: fc.constant(RAW_COLUMNS.join(',')) },
          { weight: 1, arbitrary: record },
        ),
        rows: fc.array(record, { maxLength: 12 }),
        eol: fc.constantFrom('\n', '\r\n', '\r'),
      })
      .map(({ bom, header, rows, eol }) => Buffer.from(`${bom}${[header, ...rows].join(eol)}`));
    const bytes = fc.oneof(
      { weight: 5, arbitrary: text },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)) },
    );

    it('clean a file into a report or refuse it with one line naming the file and the problem', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(bytes, async (content) => {
          const input = join(dir, `in-${++n}.csv`);
          writeFileSync(input, content);
          try {
            const report = await cleanCsvFile({
              input,
              output: join(dir, `out-${n}.csv`),
              rejects: join(dir, `rej-${n}.csv`),
            });
            expect(report.rows_in).toBe(report.rows_out + report.rejected);
            expect(readFileSync(join(dir, `out-${n}.csv`), 'utf8').split(/\r?\n/)[0]).toMatch(/^query_id,/);
          } catch (e) {
            if (!(e instanceof CsvInputError)) throw e;
            expect(e.message.startsWith(`${input}: `)).toBe(true);
            expect(e.message).not.toContain('\n');
            expectNoLeak(e.message.replace(input, 'file.csv'));
          }
        }),
        fuzz(150),
      );
    }, 60_000);
  });
});
