import { DEFAULT_CATEGORIES } from '../config/categories';
import { countOutcome, emptyReport } from './clean-report';
import { RAW_COLUMNS, type RawRow } from './columns';
import { generateRawRows } from './generator';
import { RowCleaner } from './row-cleaner';

const take = (rows: number, seed: number) => [...generateRawRows({ rows, seed })];

describe('synthetic raw export generator', () => {
  const rows = take(20_000, 42);

  it('is deterministic: same seed, same rows; another seed, other rows', () => {
    const again = take(2000, 42);
    expect(take(2000, 42)).toEqual(again);
    expect(take(2000, 43)).not.toEqual(again);
  });

  it('yields lazily, so any row count runs in constant memory', () => {
    const it = generateRawRows({ rows: 1e12, seed: 1 });
    const first = it.next();
    expect(first.done).toBe(false);
    expect(Object.keys(first.value as RawRow)).toEqual([...RAW_COLUMNS]);
  });

  it('contains every defect the cleaner must handle', () => {
    const some = (test: (r: RawRow) => boolean) => rows.filter(test).length;
    const defects: Record<string, number> = {
      'status spelled otherwise': some((r) => !['Open', 'In Progress', 'Closed'].includes(r.status)),
      'status in odd case or padded': some((r) => /^\s|\s$|^[A-Z ]+$/.test(r.status)),
      'unknown status': some((r) => ['reopened', 'on hold', 'unknown', '?', 'cancelled'].includes(r.status)),
      '+91 prefix': some((r) => r.client_mobile.includes('+91')),
      '0 prefix': some((r) => /^\s*0\d{10}\s*$/.test(r.client_mobile)),
      'separators in mobile': some((r) => /\d[ -]\d/.test(r.client_mobile)),
      'spreadsheet .0': some((r) => r.client_mobile.trim().endsWith('.0')),
      'malformed email': some(
        (r) => r.client_email !== '' && !/^[^@\s]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(r.client_email.trim()),
      ),
      'empty email': some((r) => r.client_email === ''),
      'ISO date with Z': some((r) => /T.*Z$/.test(r.date_opened)),
      'ISO date with offset': some((r) => /T.*\+05:30$/.test(r.date_opened)),
      'DD/MM/YYYY': some((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r.date_opened)),
      'DD-MM-YYYY': some((r) => /^\d{2}-\d{2}-\d{4}$/.test(r.date_opened)),
      'date with time, no zone': some((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(r.date_opened)),
      'impossible date': some(
        (r) =>
          ['2025-02-30', '31/04/2025', 'N/A'].includes(r.date_opened) ||
          ['2025-02-30', '31/04/2025', 'N/A'].includes(r.date_closed),
      ),
      'duplicate id': rows.length - new Set(rows.map((r) => r.query_id.trim())).size,
      'quote in text': some((r) => r.query_description.includes('"')),
      'comma in text': some((r) => r.query_description.includes(',')),
      'newline in text': some((r) => r.query_description.includes('\n')),
      'missing heading': some((r) => r.query_heading.trim() === ''),
      'missing description': some((r) => r.query_description.trim() === ''),
    };
    const absent = Object.entries(defects)
      .filter(([, n]) => n === 0)
      .map(([k]) => k);
    expect(absent).toEqual([]);
  });

  it('draws categories from the default list', () => {
    const used = new Set(rows.map((r) => r.query_heading.trim()).filter(Boolean));
    expect([...used].sort()).toEqual([...DEFAULT_CATEGORIES].sort());
  });

  it('gives the cleaner rows of every outcome, and nothing unaccounted for', () => {
    const cleaner = new RowCleaner();
    const report = emptyReport();
    for (const r of rows) countOutcome(report, cleaner.clean(r));
    expect(report.rows_in).toBe(rows.length);
    expect(report.rows_out + report.rejected).toBe(report.rows_in);
    for (const n of [
      ...Object.values(report.reasons),
      ...Object.values(report.status),
      report.email_invalid,
      report.mobile_invalid,
    ])
      expect(n).toBeGreaterThan(0);
    // Most rows survive: the defects are the exception, as in a real export.
    expect(report.rows_out / report.rows_in).toBeGreaterThan(0.85);
  });
});
