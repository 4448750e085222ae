import { nextCronTime, startCronTimer } from './cron-timer';

describe('cron times for the in-process digests', () => {
  it('finds the next time in the time zone', () => {
    const after = new Date('2026-03-06T12:00:00Z'); // a Friday
    expect(nextCronTime('0 9 * * 1', 'UTC', after).toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(nextCronTime('0 9 * * 1', 'Asia/Kolkata', after).toISOString()).toBe('2026-03-09T03:30:00.000Z');
    expect(nextCronTime('0 9 * * *', 'UTC', new Date('2026-03-06T09:00:00Z')).toISOString()).toBe(
      '2026-03-07T09:00:00.000Z',
    );
  });

  it('fires at each time the pattern gives, and not after it is stopped', async () => {
    const fired: number[] = [];
    const timer = startCronTimer('* * * * * *', 'UTC', () => fired.push(Date.now()));
    await new Promise((r) => setTimeout(r, 2300));
    timer.stop();
    const count = fired.length;
    expect(count).toBeGreaterThanOrEqual(2);
    for (const t of fired) expect(t % 1000).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 1100));
    expect(fired).toHaveLength(count);
  });

  it('waits again when the clock says the time has not come (a timer that fired early)', async () => {
    let now = new Date('2026-03-06T12:00:00.500Z');
    const fired: string[] = [];
    const timer = startCronTimer(
      '* * * * * *',
      'UTC',
      () => fired.push(now.toISOString()),
      () => now,
    );
    await new Promise((r) => setTimeout(r, 1200));
    expect(fired).toEqual([]);
    now = new Date('2026-03-06T12:00:01.000Z');
    await new Promise((r) => setTimeout(r, 700));
    timer.stop();
    expect(fired).toEqual(['2026-03-06T12:00:01.000Z']);
  });
});
