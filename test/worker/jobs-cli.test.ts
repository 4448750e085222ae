import { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import { BullmqWorker } from '../../adapters/queue/bullmq-worker';
import { runCli } from '../../bot/cli/program';
import { freePort, OwnRedis } from '../support/redis-server';

async function cqms(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cqms jobs failed / retry (own redis-server)', () => {
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
  });
  afterAll(() => redis.kill());

  it('lists a job that used up its attempts and puts it back on retry', async () => {
    let healthy = false;
    const settings = { redisUrl: redis.url, attempts: 2, backoffMs: 10 };
    const q = new BullmqQueue(settings);
    const w = new BullmqWorker(settings, async () => {
      if (!healthy) throw new Error('Slack answered 500');
    });
    try {
      await q.enqueue(
        {
          name: 'notify',
          intent: { kind: 'tellClient', queryId: 42, event: 'closed', actorName: 'ann', platform: 'slack' },
        },
        { jobId: 'outbox:7' },
      );
      for (let i = 0; i < 200 && (await q.queue.getJobCountByTypes('failed')) === 0; i++)
        await new Promise((r) => setTimeout(r, 25));
      const env = { REDIS_URL: redis.url };
      const failed = await cqms(['jobs', 'failed'], env);
      expect(failed).toMatchObject({ code: 0, err: '' });
      expect(failed.out).toMatch(
        /^outbox-7 {2}notify \(tellClient closed query #42\) {2}2 attempts .*Slack answered 500$/,
      );

      healthy = true;
      expect(await cqms(['jobs', 'retry', 'outbox-7'], env)).toMatchObject({
        code: 0,
        out: 'Job outbox-7 is queued again.',
      });
      for (let i = 0; i < 200 && (await q.queue.getJobCountByTypes('completed')) === 0; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect(await q.queue.getJobCountByTypes('failed', 'completed')).toBe(1);
      expect((await cqms(['jobs', 'failed'], env)).out).toBe('No failed jobs.');
      expect(await cqms(['jobs', 'retry', 'nope'], env)).toMatchObject({
        code: 1,
        err: expect.stringContaining('No failed job has the id nope'),
      });
    } finally {
      await w.close();
      await q.close();
    }
  });

  it('says what to set when REDIS_URL is missing', async () => {
    const r = await cqms(['jobs', 'failed'], {});
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/REDIS_URL/);
  });
});
