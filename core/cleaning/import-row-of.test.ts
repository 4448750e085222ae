import { ValidationFailed } from '../errors';
import type { CleanedRow } from './columns';
import { importRowOf, UNKNOWN_CLIENT_EMAIL } from './import-row-of';

const cleaned: CleanedRow = {
  query_id: 'Q1',
  client_email: 'a@example.com',
  email_valid: 'true',
  client_mobile: '9876543210',
  mobile_valid: 'true',
  query_heading: 'Bug Report',
  query_description: 'Line one\nline two',
  status: 'Closed',
  query_created_time: '2025-01-01T00:00:00.000Z',
  query_closed_time: '2025-01-02T12:00:00.000Z',
  resolution_hours: '36',
};

describe('reading a cleaned row back for import', () => {
  it('maps the columns core imports', () => {
    expect(importRowOf(cleaned, 2)).toEqual({
      externalRef: 'Q1',
      clientEmail: 'a@example.com',
      emailValid: true,
      mobile: '9876543210',
      mobileValid: true,
      category: 'Bug Report',
      description: 'Line one\nline two',
      status: 'Closed',
      createdAt: new Date('2025-01-01T00:00:00Z'),
      closedAt: new Date('2025-01-02T12:00:00Z'),
    });
  });

  it('gives rows without an email to the one placeholder client, and an empty mobile is null', () => {
    const r = importRowOf(
      { ...cleaned, client_email: '', email_valid: 'false', client_mobile: '', mobile_valid: 'false' },
      2,
    );
    expect([r.clientEmail, r.emailValid, r.mobile, r.mobileValid]).toEqual([UNKNOWN_CLIENT_EMAIL, false, null, false]);
  });

  it.each<[Partial<CleanedRow>, string]>([
    [{ status: 'Opened' }, 'line 7, status'],
    [{ query_created_time: '2025-02-30' }, 'line 7, query_created_time'],
    [{ query_closed_time: '' }, 'line 7, query_closed_time'],
    [{ query_closed_time: '2024-01-01T00:00:00Z' }, 'line 7, query_closed_time'],
    [{ query_id: ' ' }, 'line 7, query_id'],
    [{ query_id: 'Q'.repeat(65) }, 'line 7, query_id'],
    [{ query_heading: '' }, 'line 7, query_heading'],
    [{ email_valid: 'yes' }, 'line 7, email_valid'],
  ])('refuses %j naming line and column', (patch, field) => {
    try {
      importRowOf({ ...cleaned, ...patch }, 7);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationFailed);
      expect((e as ValidationFailed).issues[0]?.field).toBe(field);
    }
  });
});
