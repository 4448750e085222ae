import { readCalendarDate } from './calendar-date';

const read = (t: string) => readCalendarDate(t);

describe('readCalendarDate', () => {
  it('reads a day as midnight UTC and a timestamp with its zone', () => {
    expect(read('2024-02-29')).toEqual({ ok: true, date: new Date('2024-02-29T00:00:00Z') });
    expect(read('2024-03-01T10:30:00+05:30')).toEqual({ ok: true, date: new Date('2024-03-01T05:00:00Z') });
    expect(read('2024-03-01T10:30Z')).toEqual({ ok: true, date: new Date('2024-03-01T10:30:00Z') });
  });

  it('refuses days that do not exist, naming the month length', () => {
    expect(read('2024-02-30')).toEqual({ ok: false, reason: '"2024-02-30" is not a date: February 2024 has 29 days' });
    expect(read('2023-02-29')).toEqual({ ok: false, reason: '"2023-02-29" is not a date: February 2023 has 28 days' });
    expect(read('2024-04-31')).toMatchObject({ ok: false, reason: expect.stringContaining('April 2024 has 30 days') });
    expect(read('2024-13-01')).toMatchObject({ ok: false, reason: expect.stringContaining('no month 13') });
    expect(read('2024-01-00')).toMatchObject({ ok: false });
  });

  it('refuses partial and loose dates that Date would guess at', () => {
    for (const t of [
      '1',
      '2024',
      '2024-02',
      '24-02-01',
      'March 1 2024',
      '2024-02-01T25:00Z',
      '2024-02-01T10:00',
      '2024/02/01',
    ]) {
      expect(read(t)).toMatchObject({ ok: false });
    }
  });
});
