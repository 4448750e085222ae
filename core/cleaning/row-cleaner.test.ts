import { countOutcome, emptyReport } from './clean-report';
import type { RawRow } from './columns';
import { RowCleaner, type CleanOutcome } from './row-cleaner';

const good: RawRow = {
  query_id: 'Q1',
  client_email: 'a@example.com',
  client_mobile: '9876543210',
  query_heading: 'Bug Report',
  query_description: 'Page freezes.',
  status: 'Closed',
  date_opened: '2025-01-01',
  date_closed: '2025-01-02 12:00',
};
const row = (patch: Partial<RawRow>): RawRow => ({ ...good, ...patch });
const reason = (o: CleanOutcome) => (o.kind === 'rejected' ? o.reason : 'cleaned');

describe('row cleaner', () => {
  it('writes the cleaned columns, ISO UTC times and resolution hours', () => {
    const o = new RowCleaner().clean(
      row({ query_id: ' Q1 ', client_email: ' A@Example.com', client_mobile: '+91 98765-43210.0' }),
    );
    expect(o).toEqual({
      kind: 'cleaned',
      status: 'Closed',
      emailValid: true,
      mobileValid: true,
      row: {
        query_id: 'Q1',
        client_email: 'a@example.com',
        email_valid: 'true',
        client_mobile: '9876543210',
        mobile_valid: 'true',
        query_heading: 'Bug Report',
        query_description: 'Page freezes.',
        status: 'Closed',
        query_created_time: '2025-01-01T00:00:00.000Z',
        query_closed_time: '2025-01-02T12:00:00.000Z',
        resolution_hours: '36',
      },
    });
  });

  it('leaves resolution hours empty when the query is not closed', () => {
    const o = new RowCleaner().clean(row({ status: 'working', date_closed: '' }));
    expect(o.kind === 'cleaned' && [o.row.status, o.row.query_closed_time, o.row.resolution_hours]).toEqual([
      'In Progress',
      '',
      '',
    ]);
  });

  it('keeps text verbatim apart from trimming: SQL, markup and mentions are data', () => {
    const text = `'; DROP TABLE users; -- <b>x</b> @here "quoted", and\nmore`;
    const o = new RowCleaner().clean(row({ query_description: `  ${text} ` }));
    expect(o.kind === 'cleaned' && o.row.query_description).toBe(text);
  });

  it('rejects a later row with a seen id whatever became of the first', () => {
    const c = new RowCleaner();
    expect(reason(c.clean(row({ status: 'bogus' })))).toBe('status');
    expect(reason(c.clean(row({ query_id: ' Q1' })))).toBe('duplicate');
    expect(reason(c.clean(row({ query_id: 'Q2' })))).toBe('cleaned');
    expect(reason(c.clean(row({ query_id: 'q2' })))).toBe('cleaned');
  });

  it('checks in the fixed order: duplicate, status, missing, date', () => {
    const c = new RowCleaner();
    c.clean(row({ query_id: 'D' }));
    const allWrong = { status: '??', query_heading: ' ', date_opened: 'never' };
    expect(reason(c.clean(row({ query_id: 'D', ...allWrong })))).toBe('duplicate');
    expect(reason(c.clean(row({ query_id: 'E', ...allWrong })))).toBe('status');
    expect(reason(c.clean(row({ query_id: 'F', ...allWrong, status: 'open' })))).toBe('missing');
    expect(reason(c.clean(row({ query_id: 'G', date_opened: 'never' })))).toBe('date');
  });

  it.each<[string, Partial<RawRow>]>([
    ['missing', { query_heading: '  ' }],
    ['missing', { query_description: '' }],
    ['missing', { query_id: '  ' }],
    ['date', { date_opened: '' }],
    ['date', { date_opened: '2025-02-30' }],
    ['date', { date_closed: '31/04/2025' }],
    ['date', { date_closed: '' }],
    ['date', { date_closed: '2024-12-31' }],
    ['status', { status: 'reopened' }],
  ])('rejects as %s: %j', (expected, patch) => {
    expect(reason(new RowCleaner().clean(row(patch)))).toBe(expected);
  });

  it('accepts a closing date on an open row when it is not before the opening', () => {
    expect(reason(new RowCleaner().clean(row({ status: 'open', date_closed: '2025-01-01' })))).toBe('cleaned');
    expect(reason(new RowCleaner().clean(row({ status: 'open', date_closed: '2024-01-01' })))).toBe('date');
  });

  it('keeps and flags bad emails and mobiles instead of rejecting', () => {
    const o = new RowCleaner().clean(row({ client_email: 'not-an-email', client_mobile: '12345' }));
    expect(
      o.kind === 'cleaned' && [o.row.client_email, o.row.email_valid, o.row.client_mobile, o.row.mobile_valid],
    ).toEqual(['not-an-email', 'false', '12345', 'false']);
  });

  it('reports exactly the listed keys, and rows_in = rows_out + rejected', () => {
    const c = new RowCleaner();
    const report = emptyReport();
    const inputs = [
      row({}),
      row({}),
      row({ query_id: 'Q2', status: 'x' }),
      row({ query_id: 'Q3', client_email: 'bad', client_mobile: '' }),
      row({ query_id: 'Q4', status: 'new', date_closed: '' }),
    ];
    for (const r of inputs) countOutcome(report, c.clean(r));
    expect(report).toEqual({
      rows_in: 5,
      rows_out: 3,
      rejected: 2,
      reasons: { duplicate: 1, status: 1, missing: 0, date: 0 },
      email_invalid: 1,
      mobile_invalid: 1,
      status: { Open: 1, 'In Progress': 0, Closed: 2 },
    });
  });
});
