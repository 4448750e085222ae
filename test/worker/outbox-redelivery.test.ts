import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import { BullmqWorker } from '../../adapters/queue/bullmq-worker';
import { markingOutboxDone } from '../../core/notifications/outbox-done';
import { OutboxRelay } from '../../core/notifications/outbox-relay';
import { ManualClock } from '../../core/ports/clock';
import type { EnqueueOptions, Job, JobQueue } from '../../core/ports/job-queue';
import { freePort, OwnRedis } from '../support/redis-server';
import { T0 } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';

const MINUTE = 60_000;

/**
 * Redis without persistence loses queued jobs when it restarts. A relayed outbox row stays "not done" until its
 * job has run, so after `redeliverAfterMs` the relay sends it again under the same job id: the notification is
 * delivered once, and a copy relayed while the job still exists is ignored by BullMQ.
 */
describe('outbox rows whose job Redis lost are relayed again (own redis-server, MySQL)', () => {
  let ts: TestStore;
  let redis: OwnRedis;
  let queue: BullmqQueue;
  let worker: BullmqWorker | undefined;

  beforeAll(async () => {
    ts = await openTestStore('mysql');
    redis = new OwnRedis(await freePort());
    await redis.start();
    queue = new BullmqQueue({ redisUrl: redis.url, prefix: `cqms-redeliver-${randomBytes(3).toString('hex')}` });
  });
  afterAll(async () => {
    await worker?.close();
    await queue.close();
    await redis.kill();
    await ts.dispose();
  });

  /** FLUSHALL on the test's own server only. */
  const wipe = async () => {
    const r = new Redis(redis.url);
    try {
      await r.flushall();
    } finally {
      r.disconnect();
    }
  };

  it('delivers a job lost by Redis once, after the row is relayed again', async () => {
    const clock = new ManualClock(T0);
    const relayed: string[] = [];
    const counting: JobQueue = {
      enqueue: async (job: Job, o?: EnqueueOptions) => {
        relayed.push(o?.jobId ?? '?');
        await queue.enqueue(job, o);
      },
    };
    const relay = new OutboxRelay({ store: ts.store, queue: counting, clock, redeliverAfterMs: MINUTE });
    await ts.store.transaction((tx) =>
      tx.outbox.add([{ name: 'notify', intent: { kind: 'channelCard', queryId: 42 } }], clock.now()),
    );
    await relay.flush();
    expect(relayed).toHaveLength(1);
    const waiting = () => queue.queue.getJobCounts('waiting', 'completed');

    // Not done after a minute (no worker yet): relayed again, and BullMQ keeps the one job it has.
    clock.advance(MINUTE);
    await relay.flush();
    expect(relayed).toEqual([relayed[0], relayed[0]]);
    expect(await waiting()).toEqual({ waiting: 1, completed: 0 });

    // Redis loses its data, as a restart without AOF would (this is the test's own server).
    await wipe();
    expect(await waiting()).toEqual({ waiting: 0, completed: 0 });
    clock.advance(MINUTE);
    await relay.flush();
    expect(relayed).toHaveLength(3);
    expect(await waiting()).toEqual({ waiting: 1, completed: 0 });

    const delivered: number[] = [];
    const handler = markingOutboxDone(
      () => ({ store: ts.store, clock }),
      async (j) => void (j.name === 'notify' && delivered.push(j.intent.queryId)),
    );
    worker = new BullmqWorker({ redisUrl: redis.url, prefix: queue.settings.prefix ?? '' }, handler);
    for (let i = 0; i < 200 && ((await waiting()).completed ?? 0) < 1; i++) await new Promise((r) => setTimeout(r, 25));
    expect(delivered).toEqual([42]);

    // Done: never relayed again, even once the completed job is gone from Redis too.
    await wipe();
    clock.advance(10 * MINUTE);
    await relay.flush();
    expect(relayed).toHaveLength(3);
    expect(delivered).toEqual([42]);
  });
});
