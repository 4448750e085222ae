import { randomBytes } from 'node:crypto';
import { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import type { ChatPlatform } from '../../bot/bot-process';
import { buildDesk, type DeskRuntime } from '../../bot/desk-wiring';
import { readEnvironment } from '../../bot/environment';
import { startWorker, type WorkerHandle } from '../../bot/worker-process';
import type { Actor } from '../../core/domain/actor';
import { claimQuery } from '../../core/queries/claim-query';
import { createQuery } from '../../core/queries/create-query';
import { REDIS_URL } from '../support/queues-under-test';
import { makeActor } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { TcpProxy } from '../support/tcp-proxy';
import { quietLog } from '../support/worker-env';
import { dropQueue, recordingNotifier } from './fault-support';

const waitUntil = async (probe: () => boolean, what: string, timeoutMs = 15_000) => {
  const until = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

// The bot's desk and a worker both reach Redis through a proxy of the test's own, under a key prefix of their own.
describe('a Redis outage', () => {
  const prefix = `cqms-res-${process.pid}-${randomBytes(3).toString('hex')}`;
  const notifier = recordingNotifier();
  const platform: ChatPlatform = { name: 'recording', notifier, start: async () => undefined, stop: async () => undefined, notifyOnly: () => undefined, describe: () => 'recording' };
  let db: TestStore;
  let proxy: TcpProxy;
  let bot: DeskRuntime;
  let worker: WorkerHandle;
  let zoe: Actor;
  let amir: Actor;

  beforeAll(async () => {
    db = await openTestStore('mysql');
    proxy = await TcpProxy.inFrontOf(REDIS_URL, 6379);
    const env = readEnvironment({ DATABASE_URL: db.url, REDIS_URL: proxy.rewrite(REDIS_URL), CQMS_QUEUE_PREFIX: prefix });
    worker = await startWorker(env, { log: quietLog, platforms: [platform] });
    bot = await buildDesk(env, { relay: true });
    zoe = await makeActor(bot.deps, 'client', 'zoe');
    amir = await makeActor(bot.deps, 'agent', 'amir');
  });
  afterAll(async () => {
    await proxy.restore();
    await bot.close();
    await worker.stop();
    await proxy.close();
    await dropQueue(prefix);
    await db.dispose();
  });

  it('keeps commands working while Redis is away, and delivers what they announced once it is back, once each', async () => {
    const ask = (heading: string) => createQuery(bot.deps, zoe, { category: 'Bug Report', heading, description: 'd' });
    const first = await ask('before the outage');
    await waitUntil(() => notifier.delivered.includes(`card ${first.query.id} Open`), 'the first card');

    await proxy.cut();
    const started = Date.now();
    const second = await ask('during the outage');
    await claimQuery(bot.deps, amir, first.query.id);
    const commandsMs = Date.now() - started;
    expect(commandsMs).toBeLessThan(2_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(notifier.delivered).not.toContain(`card ${second.query.id} Open`);
    expect(await db.store.outbox.pendingCount()).toBeGreaterThanOrEqual(3);

    await proxy.restore();
    const restored = Date.now();
    const expected = [`card ${second.query.id} Open`, `card ${first.query.id} In Progress`, `direct ${zoe.userId}`];
    await waitUntil(() => expected.every((l) => notifier.delivered.includes(l)), 'the deliveries after the outage');
    const deliveredMs = Date.now() - restored;
    await new Promise((r) => setTimeout(r, 1_500));
    for (const line of [`card ${first.query.id} Open`, ...expected]) expect(notifier.delivered.filter((l) => l === line)).toHaveLength(1);
    expect(await db.store.outbox.pendingCount()).toBe(0);
    // The jobs ran under the prefix of this test (CQMS_QUEUE_PREFIX), not in the shared default keys.
    const q = new BullmqQueue({ redisUrl: REDIS_URL, prefix });
    expect(await q.queue.getJobCountByTypes('completed')).toBeGreaterThanOrEqual(4);
    await q.close();
    console.log(`redis outage: two commands took ${commandsMs} ms with Redis away; their notifications went out ${deliveredMs} ms after it came back`);
  }, 60_000);
});
