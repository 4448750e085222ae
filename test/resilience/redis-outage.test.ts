import { randomBytes } from 'node:crypto';
import { Metrics } from '../../adapters/observability/metrics';
import { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import { buildDesk, type DeskRuntime } from '../../bot/desk-wiring';
import { readEnvironment } from '../../bot/environment';
import { startOps, type ProcessOps } from '../../bot/ops-wiring';
import { startWorker, type WorkerHandle } from '../../bot/worker-process';
import type { Actor } from '../../core/domain/actor';
import { claimQuery } from '../../core/queries/claim-query';
import { createQuery } from '../../core/queries/create-query';
import { REDIS_URL } from '../support/queues-under-test';
import { makeActor } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { TcpProxy } from '../support/tcp-proxy';
import { quietLog } from '../support/worker-env';
import { dropQueue, recordingNotifier, untilItWorks } from './fault-support';
import { notifierPlatform } from '../support/notifier-platform';

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
  const platform = notifierPlatform('recording', notifier);
  let db: TestStore;
  let proxy: TcpProxy;
  let bot: DeskRuntime;
  let ops: ProcessOps;
  let worker: WorkerHandle;
  /** When the bot's outbox relay reported the queue away. */
  const relayErrors: number[] = [];
  let zoe: Actor;
  let amir: Actor;

  beforeAll(async () => {
    db = await openTestStore('mysql');
    proxy = await TcpProxy.inFrontOf(REDIS_URL, 6379);
    const env = readEnvironment({
      DATABASE_URL: db.url,
      REDIS_URL: proxy.rewrite(REDIS_URL),
      CQMS_QUEUE_PREFIX: prefix,
    });
    worker = await startWorker(env, { log: quietLog, platforms: [platform] });
    bot = await buildDesk(env, { relay: true, onRelayError: () => relayErrors.push(Date.now()) });
    ops = await startOps(env, new Metrics(), { port: 0, host: '127.0.0.1' });
    await ops.attach(bot);
    zoe = await makeActor(bot.deps, 'client', 'zoe');
    amir = await makeActor(bot.deps, 'agent', 'amir');
  });
  afterAll(async () => {
    await proxy.restore();
    await ops.close();
    await bot.close();
    await worker.stop();
    await proxy.close();
    await dropQueue(prefix);
    await db.dispose();
  });

  const ask = (heading: string) => createQuery(bot.deps, zoe, { category: 'Bug Report', heading, description: 'd' });
  const undone = async () => {
    const [rows] = (await db.store.sequelize.query('SELECT COUNT(*) AS n FROM outbox WHERE done_at IS NULL')) as [
      { n: number | string }[],
      unknown,
    ];
    return Number(rows[0]!.n);
  };
  const readyz = async () => {
    const res = await fetch(`${ops.url!}/readyz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /**
   * One outage start to end: two commands work while Redis is away and their notifications wait in the
   * outbox; once the proxy forwards again each is delivered, once. Returns how long the commands took and how
   * long after the return the deliveries came.
   */
  async function outage(
    tag: string,
    fault: () => Promise<void>,
    whileAway: () => Promise<void> = async () => undefined,
  ): Promise<{ commandsMs: number; deliveredMs: number }> {
    const since = notifier.delivered.length;
    const first = await ask(`before the ${tag}`);
    await waitUntil(() => notifier.delivered.includes(`card ${first.query.id} Open`), 'the first card');

    await fault();
    const started = Date.now();
    const second = await ask(`during the ${tag}`);
    await claimQuery(bot.deps, amir, first.query.id);
    const commandsMs = Date.now() - started;
    expect(commandsMs).toBeLessThan(2_000);
    await whileAway();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(notifier.delivered).not.toContain(`card ${second.query.id} Open`);
    expect(await db.store.outbox.pendingCount()).toBeGreaterThanOrEqual(3);

    await proxy.restore();
    const restored = Date.now();
    const expected = [`card ${second.query.id} Open`, `card ${first.query.id} In Progress`, `direct ${zoe.userId}`];
    await waitUntil(() => expected.every((l) => notifier.delivered.includes(l)), 'the deliveries after the outage');
    const deliveredMs = Date.now() - restored;
    // Every outbox row's job has run (done_at), once (above). Not `sent_at`: an enqueue that timed out in the
    // silence may still land when the held bytes pass, and the job can be done before the relay's retry marks it sent.
    await untilItWorks(async () => expect(await undone()).toBe(0), 15_000);
    await new Promise((r) => setTimeout(r, 1_500));
    const deliveries = notifier.delivered.slice(since);
    for (const line of [`card ${first.query.id} Open`, ...expected])
      expect(deliveries.filter((l) => l === line)).toHaveLength(1);
    return { commandsMs, deliveredMs };
  }

  it('keeps commands working while Redis is away, and delivers what they announced once it is back, once each', async () => {
    const t = await outage('outage', () => proxy.cut());
    // The jobs ran under the prefix of this test (CQMS_QUEUE_PREFIX), not in the shared default keys.
    const q = new BullmqQueue({ redisUrl: REDIS_URL, prefix });
    expect(await q.queue.getJobCountByTypes('completed')).toBeGreaterThanOrEqual(4);
    await q.close();
    console.log(
      `redis outage: two commands took ${t.commandsMs} ms with Redis away; their notifications went out ${t.deliveredMs} ms after it came back`,
    );
  }, 60_000);

  // A silent network closes nothing: the relay and the readiness check must give up on their own.
  it('when Redis silently stops answering: commands work, /readyz and the relay report it within seconds, deliveries follow the return once each', async () => {
    expect((await readyz()).status).toBe(200);
    let blackholed = 0;
    let readyzMs = 0;
    let relayNoticedMs = 0;
    const t = await outage(
      'silence',
      async () => {
        await proxy.blackhole();
        blackholed = Date.now();
      },
      async () => {
        const down = await readyz();
        readyzMs = Date.now() - blackholed;
        expect(down.status).toBe(503);
        expect(down.body).toMatchObject({ status: 'unavailable', failed: ['redis'], checks: { database: 'ok' } });
        // The relay's enqueue times out instead of waiting for ever: the outbox keeps the rows, the relay says so.
        await waitUntil(() => relayErrors.some((at) => at > blackholed), 'the relay to report the queue away', 10_000);
        relayNoticedMs = relayErrors.find((at) => at > blackholed)! - blackholed;
      },
    );
    expect(readyzMs).toBeLessThan(4_000);
    expect(relayNoticedMs).toBeLessThan(8_000);
    expect((await readyz()).status).toBe(200);
    console.log(
      `redis blackholed: two commands took ${t.commandsMs} ms; /readyz said 503 (redis) ${readyzMs} ms in, the relay reported the queue away ${relayNoticedMs} ms in; deliveries ${t.deliveredMs} ms after the network came back`,
    );
  }, 60_000);

  // Closing waits for nothing Redis must answer: the relay's pass gives up, then QUIT is not waited for long.
  it('closes a desk while Redis silently stops answering, instead of waiting for ever', async () => {
    const env = readEnvironment({
      DATABASE_URL: db.url,
      REDIS_URL: proxy.rewrite(REDIS_URL),
      CQMS_QUEUE_PREFIX: prefix,
    });
    const desk = await buildDesk(env, { relay: true });
    await createQuery(desk.deps, zoe, { category: 'Bug Report', heading: 'before a silent stop', description: 'd' });
    await untilItWorks(async () => expect(await db.store.outbox.pendingCount()).toBe(0), 10_000);
    await proxy.blackhole();
    await createQuery(desk.deps, zoe, { category: 'Bug Report', heading: 'waits in the outbox', description: 'd' });
    const started = Date.now();
    const outcome = await Promise.race([
      desk.close().then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('still waiting'), 20_000)),
    ]);
    const closeMs = Date.now() - started;
    await proxy.restore();
    expect(outcome).toBe('closed');
    // At most: a relay pass in progress that hears nothing for 5 s (Redis's command timeout), the last relay's
    // 2 s, 1 s for QUIT.
    expect(closeMs).toBeLessThan(9_000);
    console.log(`redis blackholed: a desk with notifications waiting closed in ${closeMs} ms`);
  }, 40_000);
});
