import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import { nextCronTime } from '../../adapters/queue/cron-timer';
import { digestSchedules } from '../../bot/desk-wiring';
import { EnvironmentError, readEnvironment } from '../../bot/environment';
import { scheduleDigests } from '../../bot/worker-process';
import { REDIS_URL } from '../support/queues-under-test';

describe('digest schedules (BullMQ job schedulers on the real Redis)', () => {
  let queue: BullmqQueue;
  beforeAll(() => {
    queue = new BullmqQueue({
      redisUrl: REDIS_URL,
      prefix: `cqms-test-${process.pid}-${randomBytes(4).toString('hex')}`,
    });
  });
  afterAll(async () => {
    await queue.queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  });

  const schedulers = async () =>
    (await queue.queue.getJobSchedulers())
      .map((s) => ({ id: s.key, pattern: s.pattern, tz: s.tz, job: s.template?.data }))
      .sort((a, b) => a.id.localeCompare(b.id));

  it('upserts one scheduler per digest with its cron pattern and time zone, whatever the number of workers', async () => {
    const env = readEnvironment({ CQMS_DIGEST_TZ: 'Europe/Paris', CQMS_DIGEST_WEEKLY_CRON: '30 8 * * 1' });
    // Three workers starting: the fixed ids keep two schedulers.
    for (let i = 0; i < 3; i++) await scheduleDigests(queue, digestSchedules(env));
    expect(await schedulers()).toEqual([
      { id: 'cqms-digest-daily', pattern: '0 9 * * *', tz: 'Europe/Paris', job: { name: 'digest', period: 'daily' } },
      {
        id: 'cqms-digest-weekly',
        pattern: '30 8 * * 1',
        tz: 'Europe/Paris',
        job: { name: 'digest', period: 'weekly' },
      },
    ]);
    // The next daily digest waits, delayed to 09:00 in Paris.
    const next = (await queue.queue.getDelayed())
      .filter((j) => j.name === 'digest')
      .map((j) => ({ period: (j.data as { period: string }).period, at: j.timestamp + (j.opts.delay ?? 0) }));
    const daily = next.find((n) => n.period === 'daily');
    expect(daily?.at).toBe(nextCronTime('0 9 * * *', 'Europe/Paris', new Date()).getTime());
  });

  it("removes a digest's scheduler when it is turned off", async () => {
    await scheduleDigests(queue, digestSchedules(readEnvironment({ CQMS_DIGEST_DAILY_CRON: 'off' })));
    expect((await schedulers()).map((s) => [s.id, s.pattern, s.tz])).toEqual([
      ['cqms-digest-weekly', '0 9 * * 1', 'UTC'],
    ]);
  });

  it('re-checking a healthy schedule changes nothing; one lost with its Redis data is created again', async () => {
    const sweep = () => queue.scheduleEvery('cqms-test-sweep', 60_000, { name: 'slaSweep' });
    const dueJobs = async () =>
      (await queue.queue.getJobs(['delayed', 'waiting']))
        .filter((j) => j.name === 'slaSweep')
        .map((j) => `${j.id} ${j.timestamp + (j.opts.delay ?? 0)}`);
    expect(await sweep()).toBe(true);
    const due = await dueJobs();
    expect(due).toHaveLength(1);
    // Every worker checking it every interval: not reset (the same next job, the same time), not doubled.
    for (let i = 0; i < 3; i++) expect(await sweep()).toBe(false);
    expect(await dueJobs()).toEqual(due);
    expect(await scheduleDigests(queue, digestSchedules(readEnvironment({})))).toEqual(['cqms-digest-daily']); // set otherwise by the test above
    expect(await scheduleDigests(queue, digestSchedules(readEnvironment({})))).toEqual([]);
    // The next job is lost (a failover to a replica that missed it): the chain is repaired.
    const lost = due[0]!.split(' ')[0]!;
    const redis = new Redis(REDIS_URL);
    await redis
      .multi()
      .del(queue.queue.toKey(lost))
      .lrem(queue.queue.toKey('wait'), 0, lost)
      .zrem(queue.queue.toKey('delayed'), lost)
      .exec();
    redis.disconnect();
    expect(await sweep()).toBe(true);
    expect(await dueJobs()).toHaveLength(1);
    // Redis emptied: everything comes back.
    await queue.queue.obliterate({ force: true });
    expect(await sweep()).toBe(true);
    expect((await scheduleDigests(queue, digestSchedules(readEnvironment({})))).sort()).toEqual([
      'cqms-digest-daily',
      'cqms-digest-weekly',
    ]);
    expect((await queue.queue.getJobSchedulers()).map((s) => s.key).sort()).toEqual([
      'cqms-digest-daily',
      'cqms-digest-weekly',
      'cqms-test-sweep',
    ]);
  });

  it('refuses a pattern or a time zone it cannot use, at start', () => {
    expect(() => readEnvironment({ CQMS_DIGEST_DAILY_CRON: 'every morning' })).toThrow(EnvironmentError);
    expect(() => readEnvironment({ CQMS_DIGEST_TZ: 'Mars/Olympus' })).toThrow(/CQMS_DIGEST_TZ/);
    expect(digestSchedules(readEnvironment({}))).toEqual([
      { period: 'daily', pattern: '0 9 * * *', tz: 'UTC' },
      { period: 'weekly', pattern: '0 9 * * 1', tz: 'UTC' },
    ]);
  });
});
