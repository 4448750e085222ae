import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cleanCsvFile } from '../../adapters/csv/clean-csv-file';
import type { CleanReport } from '../../core/cleaning/clean-report';
import { SEED_CSV } from './pipeline-support';

/** The mobile rule re-done by hand, without the cleaner's code, to pin the count independently. */
function independentlyInvalidMobiles(rows: Record<string, string>[]): number {
  return rows.filter((r) => {
    const text = r.client_mobile!.trim().replace(/\.0$/, '');
    const digits = [...text].filter((c) => c >= '0' && c <= '9').join('');
    const last10 = digits.length >= 10 ? digits.slice(digits.length - 10) : digits;
    return !(last10.length === 10 && ['6', '7', '8', '9'].includes(last10[0]!));
  }).length;
}

describe('the seed dataset through the cleaner', () => {
  let dir: string;
  let report: CleanReport;
  let cleaned: string[][];
  const raw = parse(readFileSync(SEED_CSV), { columns: true, bom: true }) as Record<string, string>[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'seed-clean-'));
    report = await cleanCsvFile({
      input: SEED_CSV,
      output: join(dir, 'cleaned.csv'),
      rejects: join(dir, 'rejects.csv'),
    });
    cleaned = parse(readFileSync(join(dir, 'cleaned.csv'))) as string[][];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps all 5200 rows with valid emails, 54 Open and 5146 Closed', () => {
    expect(report.rows_in).toBe(5200);
    expect(report.rows_out).toBe(5200);
    expect(report.rejected).toBe(0);
    expect(report.email_invalid).toBe(0);
    expect(report.status).toEqual({ Open: 54, 'In Progress': 0, Closed: 5146 });
    expect(cleaned.length - 1).toBe(5200);
  });

  it('flags the same number of invalid mobiles as an independent computation', () => {
    const expected = independentlyInvalidMobiles(raw);
    // 3092 is what the same rule gives in pandas-style Python on this file; both must agree.
    expect(expected).toBe(3092);
    expect(report.mobile_invalid).toBe(expected);
    const flaggedInFile = cleaned.slice(1).filter((r) => r[4] === 'false').length;
    expect(flaggedInFile).toBe(expected);
  });
});
