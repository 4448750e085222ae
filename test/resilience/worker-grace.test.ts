import { randomBytes } from 'node:crypto';
import { BullmqQueue, type BullmqSettings } from '../../adapters/queue/bullmq-queue';
import { BullmqWorker } from '../../adapters/queue/bullmq-worker';
import { REDIS_URL } from '../support/queues-under-test';
import { dropQueue } from './fault-support';

/** Starts a worker whose job sleeps for its query id in ms, enqueues one, and closes the worker while it runs. */
async function closeWhileRunning(
  settings: BullmqSettings,
  jobMs: number,
  graceMs: number,
  finished: number[],
): Promise<{ done: boolean; ms: number }> {
  const queue = new BullmqQueue(settings);
  let started: () => void = () => undefined;
  const running = new Promise<void>((r) => (started = r));
  const worker = new BullmqWorker(settings, async (job) => {
    if (job.name !== 'notify') return;
    started();
    await new Promise((r) => setTimeout(r, job.intent.queryId));
    finished.push(job.intent.queryId);
  });
  try {
    await queue.enqueue({ name: 'notify', intent: { kind: 'channelCard', queryId: jobMs } });
    await running;
    const t0 = Date.now();
    return { done: await worker.close(graceMs), ms: Date.now() - t0 };
  } finally {
    await queue.close();
  }
}

// The bound on a worker's stop: it waits for the active job within the grace, and no longer.
describe('closing a BullMQ worker within a grace period', () => {
  const settings = { redisUrl: REDIS_URL, prefix: `cqms-grace-${process.pid}-${randomBytes(3).toString('hex')}` };
  afterAll(() => dropQueue(settings.prefix));

  it('resolves true once a job shorter than the grace finishes, false at the grace for a longer one', async () => {
    const finished: number[] = [];
    expect(await closeWhileRunning(settings, 300, 5_000, finished)).toMatchObject({ done: true });
    expect(finished).toEqual([300]);
    const long = await closeWhileRunning(settings, 2_000, 400, finished);
    expect(long.done).toBe(false);
    expect(long.ms).toBeLessThan(1_500);
    expect(finished).toEqual([300]);
    // Let the abandoned handler end before the queue's keys are dropped.
    await new Promise((r) => setTimeout(r, 2_000));
  }, 30_000);
});
