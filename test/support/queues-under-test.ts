import { randomBytes } from 'node:crypto';
import { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import { BullmqWorker } from '../../adapters/queue/bullmq-worker';
import { InProcessQueue } from '../../adapters/queue/in-process-queue';
import type { JobHandler, JobQueue } from '../../core/ports/job-queue';

/** Redis for integration tests: a real one, never a mock. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface QueueUnderTest {
  queue: JobQueue;
  /** Resolves when nothing is waiting, delayed or running. */
  settle(timeoutMs?: number): Promise<void>;
  failedCount(): Promise<number>;
  /** Why each failed job failed, as `cqms jobs failed` lists them on BullMQ. */
  failedReasons(): Promise<string[]>;
  close(): Promise<void>;
}

export interface QueueTuning {
  attempts: number;
  backoffMs: number;
  maxRetryLater?: number;
}

export type QueueKind = 'in-process' | 'bullmq';
export const QUEUE_KINDS: QueueKind[] = ['in-process', 'bullmq'];

/** A fresh queue with a worker running `handler`; BullMQ ones get their own key prefix, removed on close. */
export function queueUnderTest(
  kind: QueueKind,
  handler: JobHandler,
  t: QueueTuning,
  redisUrl = REDIS_URL,
): QueueUnderTest {
  if (kind === 'in-process') {
    const q = new InProcessQueue(handler, t);
    return {
      queue: q,
      settle: () => q.drain(),
      failedCount: async () => q.failed.length,
      failedReasons: async () => q.failed.map((f) => (f.error instanceof Error ? f.error.message : String(f.error))),
      close: () => q.close(),
    };
  }
  const settings = { redisUrl, prefix: `cqms-test-${process.pid}-${randomBytes(4).toString('hex')}`, ...t };
  const q = new BullmqQueue(settings);
  const w = new BullmqWorker(settings, handler, { concurrency: 4 });
  return {
    queue: q,
    async settle(timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const c = await q.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        if (Object.values(c).every((n) => n === 0)) return;
        if (Date.now() > end) throw new Error(`the queue did not settle: ${JSON.stringify(c)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    failedCount: () => q.queue.getJobCountByTypes('failed'),
    failedReasons: async () => (await q.failed()).map((f) => f.failedReason),
    async close() {
      await w.close();
      await q.queue.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    },
  };
}
