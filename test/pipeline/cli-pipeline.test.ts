import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CleanReport } from '../../core/cleaning/clean-report';
import { UNKNOWN_CLIENT_EMAIL } from '../../core/cleaning/import-row-of';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';
import { cqms, type CliRun } from './pipeline-support';

const count = async (t: TestStore) => {
  const q = await t.store.queries.list({}, { limit: 1, offset: 0 });
  const u = await t.store.users.list({}, { limit: 1, offset: 0 });
  return { queries: q.total, users: u.total };
};

const oneLineError = (r: CliRun, pattern: RegExp) => {
  expect(r.code).toBe(1);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(/^error: /);
  expect(r.err[0]).toMatch(pattern);
};

describe.each(STORE_KINDS)('cqms data generate -> clean -> load on %s', (kind) => {
  let t: TestStore;
  let dir: string;
  beforeAll(async () => {
    t = await openTestStore(kind);
    dir = mkdtempSync(join(tmpdir(), `cli-pipeline-${kind}-`));
  });
  afterAll(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads every cleaned row once, and a second load changes nothing', async () => {
    const raw = join(dir, 'raw.csv');
    const cleaned = join(dir, 'cleaned.csv');
    const reportFile = join(dir, 'report.json');
    const gen = await cqms(['data', 'generate', '--rows', '12000', '--seed', '7', '--out', raw], t.url);
    expect(gen).toMatchObject({ code: 0, err: [] });
    expect(gen.out[0]).toMatch(/^Wrote 12,000 rows to .*raw\.csv \(seed 7\)/);

    const clean = await cqms(['data', 'clean', raw, '--out', cleaned, '--report', reportFile], t.url);
    expect(clean).toMatchObject({ code: 0, err: [] });
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as CleanReport;
    expect(report.rows_in).toBe(12_000);
    expect(report.rows_out + report.rejected).toBe(12_000);
    expect(clean.out[0]).toBe(
      `rows in 12000, out ${report.rows_out}, rejected ${report.rejected} (duplicate ${report.reasons.duplicate}, status ${report.reasons.status}, missing ${report.reasons.missing}, date ${report.reasons.date})`,
    );
    expect(existsSync(join(dir, 'cleaned_rejects.csv'))).toBe(true);

    const first = await cqms(['data', 'load', cleaned], t.url);
    expect(first).toMatchObject({ code: 0, err: [] });
    expect(first.out[0]).toMatch(
      new RegExp(
        `${report.rows_out.toLocaleString('en-US')} rows, ${report.rows_out.toLocaleString('en-US')} inserted, 0 already present`,
      ),
    );
    const after = await count(t);
    expect(after.queries).toBe(report.rows_out);
    const unknown = await t.store.users.idsByEmail([UNKNOWN_CLIENT_EMAIL]);
    expect(unknown.size).toBe(1);

    const again = await cqms(['data', 'load', cleaned], t.url);
    expect(again).toMatchObject({ code: 0, err: [] });
    expect(again.out[0]).toMatch(
      new RegExp(
        `0 inserted, ${report.rows_out.toLocaleString('en-US')} already present, 0 client account\\(s\\) created`,
      ),
    );
    expect(await count(t)).toEqual(after);

    const sample = await t.store.queries.findByExternalRef('Q00002');
    expect(sample?.platform).toBe('import');
  });
});

describe('cqms data: bad input is one clear line, a non-zero exit and nothing stored', () => {
  let t: TestStore;
  let dir: string;
  let cleaned: string;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'cli-bad-'));
    cleaned = join(dir, 'cleaned.csv');
    await cqms(['data', 'generate', '--rows', '8000', '--out', join(dir, 'raw.csv')], t.url);
    await cqms(['data', 'clean', join(dir, 'raw.csv'), '--out', cleaned], t.url);
  });
  afterAll(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => expect(await count(t)).toEqual({ queries: 0, users: 0 }));

  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('a missing file', async () => {
    oneLineError(await cqms(['data', 'load', join(dir, 'nope.csv')], t.url), /nope\.csv: no such file$/);
    oneLineError(
      await cqms(['data', 'clean', join(dir, 'nope.csv'), '--out', join(dir, 'x.csv')], t.url),
      /no such file$/,
    );
  });

  it('a file that is not CSV', async () => {
    const png = file(
      'image.csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    oneLineError(await cqms(['data', 'load', png], t.url), /not a CSV text file: binary data/);
    oneLineError(await cqms(['data', 'clean', png, '--out', join(dir, 'x.csv')], t.url), /not a CSV text file/);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('a quote left open on the last line of an otherwise good cleaned file: nothing of the file is loaded', async () => {
    const text = readFileSync(cleaned, 'utf8').trimEnd();
    const lines = text.split('\n').length;
    const broken = file(
      'late-quote.csv',
      `${text}\nZ2,"a@b.co,true,9876543210,true,Bug Report,x,Open,2025-01-01T00:00:00.000Z,,\n`,
    );
    oneLineError(
      await cqms(['data', 'load', broken], t.url),
      new RegExp(
        `late-quote\\.csv: not a valid CSV file: the quoted field opened in the record on line ${lines + 1} is never closed$`,
      ),
    );
  });

  it('a header without the required columns', async () => {
    oneLineError(
      await cqms(['data', 'load', join(dir, 'raw.csv')], t.url),
      /missing required column\(s\) email_valid, mobile_valid, query_created_time, query_closed_time, resolution_hours; .*is it a cleaned file\?/,
    );
    const other = file('other.csv', 'name,age\nasha,31\n');
    oneLineError(
      await cqms(['data', 'clean', other, '--out', join(dir, 'x.csv')], t.url),
      /missing required column\(s\) query_id, client_email/,
    );
  });

  it('an empty file', async () => {
    oneLineError(
      await cqms(['data', 'load', file('empty.csv', '')], t.url),
      /empty\.csv: the file is empty \(no header line\)$/,
    );
    oneLineError(
      await cqms(['data', 'clean', join(dir, 'empty.csv'), '--out', join(dir, 'x.csv')], t.url),
      /the file is empty/,
    );
  });

  it('a cleaned file with a bad value on its last line', async () => {
    const text = readFileSync(cleaned, 'utf8').trimEnd();
    const bad = file(
      'bad-status.csv',
      `${text}\nZ1,a@b.co,true,9876543210,true,Bug Report,x,Pending,2025-01-01T00:00:00.000Z,,\n`,
    );
    oneLineError(
      await cqms(['data', 'load', bad], t.url),
      /bad-status\.csv: line \d+, status: "Pending" is not one of Open, In Progress, Closed$/,
    );
  });

  it('a bad flag value is a usage mistake: exit 2, and where the usage is', async () => {
    expect(await cqms(['data', 'generate', '--rows', 'lots'], t.url)).toEqual({
      code: 2,
      out: [],
      err: [
        "error: option '--rows <n>' argument 'lots' is invalid. It must be a whole number from 1 to 100,000,000.",
        '(run `cqms data generate --help` for usage)',
      ],
    });
  });
});
