import { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import type { BotLog } from '../../bot/bot-process';
import { readEnvironment } from '../../bot/environment';
import { startWorker, type WorkerHandle } from '../../bot/worker-process';
import { SLA_SWEEP_SCHEDULER_ID } from '../../core/sla/sweep-job';
import { freePort, OwnRedis } from '../support/redis-server';
import { openTestStore, type TestStore } from '../support/test-stores';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A worker started while Redis is down keeps trying to schedule the SLA sweep, and sweeps once Redis is up. */
describe('cqms worker started before Redis', () => {
  let ts: TestStore;
  let redis: OwnRedis;
  let worker: WorkerHandle | undefined;
  let probe: BullmqQueue | undefined;
  beforeAll(async () => {
    ts = await openTestStore('mysql');
    redis = new OwnRedis(await freePort());
  });
  afterAll(async () => {
    await worker?.stop();
    await probe?.close();
    await redis.kill();
    await ts.dispose();
  });

  it('stops at once while Redis is still down', async () => {
    const env = readEnvironment({ DATABASE_URL: ts.url, REDIS_URL: redis.url });
    const early = await startWorker(env, {
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      platforms: [],
      scheduleRetryMs: 100,
    });
    await sleep(300);
    const t = Date.now();
    await early.stop();
    expect(Date.now() - t).toBeLessThan(8_000); // the relay's last flush may wait for its enqueue timeout (5 s)
    expect(await early.sweepScheduled).toBe(false);
  }, 20_000);

  it('schedules the sweep once Redis is up, without a restart', async () => {
    const warnings: string[] = [];
    const log: BotLog = { info: () => undefined, warn: (m) => void warnings.push(m), error: () => undefined };
    const env = readEnvironment({ DATABASE_URL: ts.url, REDIS_URL: redis.url });
    worker = await startWorker(env, { log, platforms: [], slaSweepEveryMs: 200, scheduleRetryMs: 100 });
    let scheduled: boolean | undefined;
    void worker.sweepScheduled.then((v) => (scheduled = v));
    await sleep(600);
    expect(scheduled).toBeUndefined();
    expect(warnings.filter((w) => w.startsWith('the SLA sweep could not be scheduled')).length).toBeGreaterThanOrEqual(
      2,
    );

    await redis.start();
    expect(await worker.sweepScheduled).toBe(true);
    probe = new BullmqQueue({ redisUrl: redis.url });
    expect((await probe.queue.getJobSchedulers()).map((s) => s.key)).toContain(SLA_SWEEP_SCHEDULER_ID);
    // The worker runs the scheduled sweeps.
    let completed = 0;
    for (let i = 0; i < 200 && completed < 2; i++, await sleep(50))
      completed = (await probe.queue.getJobCounts('completed')).completed ?? 0;
    expect(completed).toBeGreaterThanOrEqual(2);
  }, 30_000);
});
