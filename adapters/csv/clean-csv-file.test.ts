import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cleanCsvFile } from './clean-csv-file';
import { CsvInputError } from './csv-input-error';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'clean-file-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One raw export with every defect the issue lists, written as a Windows spreadsheet would: BOM, CRLF.
const RAW = [
  'query_id,client_email,client_mobile,query_heading,query_description,status,date_opened,date_closed',
  'Q01,asha@example.com,9876543210,Bug Report,Plain row.,Closed,2025-06-01,2025-06-02',
  'Q02, Asha@Example.COM ,+91 98765 43210,Login Issue,Mixed case status and +91.,resolved,2025-06-01T10:00:00Z,2025-06-01T22:30:00Z',
  'Q03,ravi@example.in,09876543210,Data Export,Zero prefix; DD/MM/YYYY.,IN-PROGRESS,18/06/2025,',
  'Q04,ravi@example.in,98765-43210.0,Data Export,Float mobile; DD-MM-YYYY.,new,18-06-2025,',
  'Q05,ravi@@example.in,12345,UI Feedback,Malformed email and short mobile are kept.,Open,2025-06-18 09:15,',
  'Q06,meera@example.org,+91-98765-43210,Bug Report,"He said ""hi"", then\r\nleft, again",  Done ,2025-06-18T10:00:00+05:30,2025-06-18 10:00:00',
  ' Q01,dup@example.com,9876543210,Bug Report,A later row with a seen id.,Closed,2025-06-01,2025-06-02',
  'Q07,x@example.com,9876543210,Bug Report,Unknown status.,reopened,2025-06-01,',
  'Q08,x@example.com,9876543210,,Missing heading.,Open,2025-06-01,',
  'Q09,x@example.com,9876543210,Bug Report,   ,Open,2025-06-01,',
  'Q10,x@example.com,9876543210,Bug Report,Impossible date.,Open,2025-02-30,',
  'Q11,x@example.com,9876543210,Bug Report,Closed before opened.,Closed,2025-06-10,2025-06-09',
  'Q12,x@example.com,9876543210,Bug Report,Closed without a date.,closed,2025-06-10,',
  '',
  `Q13,,9876543210.0,Billing Problem,"'; DROP TABLE users; -- <b>bold</b> @here",Working,2025-06-10 08:00,`,
  'Q14,x@example.com,9876543210,Bug Report,No opening date.,Open,,',
].join('\r\n');

const read = (path: string) => parse(readFileSync(path), { bom: true }) as string[][];

describe('cleaning a raw CSV file', () => {
  it('cleans every defect, keeps every row accounted for, and says why each reject was rejected', async () => {
    const input = join(dir, 'raw.csv');
    writeFileSync(input, `\ufeff${RAW}\r\n`);
    const output = join(dir, 'out', 'cleaned.csv');
    const rejects = join(dir, 'out', 'rejects.csv');
    const report = await cleanCsvFile({ input, output, rejects });

    expect(report).toEqual({
      rows_in: 15,
      rows_out: 7,
      rejected: 8,
      reasons: { duplicate: 1, status: 1, missing: 2, date: 4 },
      email_invalid: 2,
      mobile_invalid: 1,
      status: { Open: 2, 'In Progress': 2, Closed: 3 },
    });
    expect(read(output)).toEqual([
      [
        'query_id',
        'client_email',
        'email_valid',
        'client_mobile',
        'mobile_valid',
        'query_heading',
        'query_description',
        'status',
        'query_created_time',
        'query_closed_time',
        'resolution_hours',
      ],
      [
        'Q01',
        'asha@example.com',
        'true',
        '9876543210',
        'true',
        'Bug Report',
        'Plain row.',
        'Closed',
        '2025-06-01T00:00:00.000Z',
        '2025-06-02T00:00:00.000Z',
        '24',
      ],
      [
        'Q02',
        'asha@example.com',
        'true',
        '9876543210',
        'true',
        'Login Issue',
        'Mixed case status and +91.',
        'Closed',
        '2025-06-01T10:00:00.000Z',
        '2025-06-01T22:30:00.000Z',
        '12.5',
      ],
      [
        'Q03',
        'ravi@example.in',
        'true',
        '9876543210',
        'true',
        'Data Export',
        'Zero prefix; DD/MM/YYYY.',
        'In Progress',
        '2025-06-18T00:00:00.000Z',
        '',
        '',
      ],
      [
        'Q04',
        'ravi@example.in',
        'true',
        '9876543210',
        'true',
        'Data Export',
        'Float mobile; DD-MM-YYYY.',
        'Open',
        '2025-06-18T00:00:00.000Z',
        '',
        '',
      ],
      [
        'Q05',
        'ravi@@example.in',
        'false',
        '12345',
        'false',
        'UI Feedback',
        'Malformed email and short mobile are kept.',
        'Open',
        '2025-06-18T09:15:00.000Z',
        '',
        '',
      ],
      [
        'Q06',
        'meera@example.org',
        'true',
        '9876543210',
        'true',
        'Bug Report',
        'He said "hi", then\r\nleft, again',
        'Closed',
        '2025-06-18T04:30:00.000Z',
        '2025-06-18T10:00:00.000Z',
        '5.5',
      ],
      [
        'Q13',
        '',
        'false',
        '9876543210',
        'true',
        'Billing Problem',
        "'; DROP TABLE users; -- <b>bold</b> @here",
        'In Progress',
        '2025-06-10T08:00:00.000Z',
        '',
        '',
      ],
    ]);
    const rejected = read(rejects);
    expect(rejected[0]).toEqual([
      'query_id',
      'client_email',
      'client_mobile',
      'query_heading',
      'query_description',
      'status',
      'date_opened',
      'date_closed',
      'reject_reason',
      'line',
    ]);
    expect(rejected.slice(1).map((r) => [r[0], r[8], r[9]])).toEqual([
      [' Q01', 'duplicate', '9'],
      ['Q07', 'status', '10'],
      ['Q08', 'missing', '11'],
      ['Q09', 'missing', '12'],
      ['Q10', 'date', '13'],
      ['Q11', 'date', '14'],
      ['Q12', 'date', '15'],
      ['Q14', 'date', '18'],
    ]);
    // Rejected rows keep their original fields, untrimmed.
    expect(rejected[1]!.slice(0, 8)).toEqual([
      ' Q01',
      'dup@example.com',
      '9876543210',
      'Bug Report',
      'A later row with a seen id.',
      'Closed',
      '2025-06-01',
      '2025-06-02',
    ]);
  });

  it('writes no output at all when the input turns out not to be CSV', async () => {
    const input = join(dir, 'broken.csv');
    writeFileSync(input, `${RAW.split('\r\n').slice(0, 3).join('\n')}\nQ99,a@b.co,1,"unclosed,Open,2025-01-01,\n`);
    const output = join(dir, 'broken-out', 'cleaned.csv');
    await expect(cleanCsvFile({ input, output, rejects: join(dir, 'broken-out', 'rejects.csv') })).rejects.toThrow(
      CsvInputError,
    );
    expect(existsSync(output)).toBe(false);
  });
});
