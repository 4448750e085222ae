import { Desk } from '../../core/conversation/desk';
import type { Conversation } from '../../core/conversation/conversation';
import type { Platform } from '../../core/domain/platform';
import type { CardView, Reply } from '../../core/views/view-model';
import type { PlatformNotifier } from '../../adapters/notify/platform-notifier';
import type { BotLog } from '../../bot/bot-process';
import { buildDesk, type DeskRuntime } from '../../bot/desk-wiring';
import { readEnvironment } from '../../bot/environment';
import { startWorker, type WorkerHandle } from '../../bot/worker-process';
import { makeActor } from '../support/test-desk';
import { freePort, OwnRedis } from '../support/redis-server';
import { openTestStore, type TestStore } from '../support/test-stores';
import { notifierPlatform } from '../support/notifier-platform';

/** Counts every delivery per (query, event). */
class CountingNotifier implements PlatformNotifier {
  readonly platform = 'shell' as const;
  readonly counts = new Map<string, number>();
  private bump(key: string) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  async upsertChannelCard(queryId: number, card: CardView) {
    this.bump(`${queryId}:card#${this.cardsOf(queryId)}`);
    void card;
  }
  async postAlert() {}
  async postCharts() {}
  async postReport() {}
  async sendDirect(_userId: number, _platform: Platform, reply: Reply) {
    const text = JSON.stringify(reply.views);
    const m = /query #(\d+)/.exec(text);
    this.bump(`${m?.[1]}:${/was closed/.test(text) ? 'closed' : /is now working/.test(text) ? 'claimed' : 'other'}`);
    return true;
  }
  /** Cards are updated in place, so count them in order: the 1st, 2nd, 3rd update of a query. */
  private cardsOf(queryId: number): number {
    let n = 1;
    while (this.counts.has(`${queryId}:card#${n}`)) n++;
    return n;
  }
  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
}

const quietLog: BotLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function until(what: string, ok: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('notifications survive Redis going away (own redis-server, MySQL)', () => {
  let ts: TestStore;
  let redis: OwnRedis;
  let bot: DeskRuntime;
  let worker: WorkerHandle;
  const notifier = new CountingNotifier();

  beforeAll(async () => {
    ts = await openTestStore('mysql');
    redis = new OwnRedis(await freePort());
    await redis.start();
    const env = readEnvironment({ DATABASE_URL: ts.url, REDIS_URL: redis.url });
    worker = await startWorker(env, { log: quietLog, platforms: [notifierPlatform('counting', notifier)] });
    // The bot side: commands through the desk, notifications relayed to BullMQ (no jobs run here).
    bot = await buildDesk(env, { relay: true });
  }, 30_000);
  afterAll(async () => {
    await bot?.close();
    await worker?.stop();
    await redis?.kill();
    await ts?.dispose();
  });

  it('delivers every notification exactly once across a Redis outage, and no command fails', async () => {
    const desk = new Desk(bot.deps);
    const zoeActor = await makeActor(bot.deps, 'client', 'zoe');
    const annActor = await makeActor(bot.deps, 'agent', 'ann');
    const link = async (userId: number, id: string): Promise<Conversation> => {
      const acct = { platform: 'shell' as const, workspaceId: 'W1', platformUserId: id };
      await bot.deps.store.identities.link({ ...acct, userId, linkedAt: new Date() });
      return desk.conversation(acct);
    };
    const zoe = await link(zoeActor.userId, 'zoe');
    const ann = await link(annActor.userId, 'ann');
    const ids: number[] = [];
    const lifecycle = async (i: number) => {
      const raised = await desk.runLine(zoe, `new category="Bug Report" heading="fault ${i}" description=d`);
      const id = (raised.views.find((v) => v.kind === 'card') as CardView).queryId!;
      ids.push(id);
      await desk.runLine(ann, `claim ${id}`);
      await desk.runLine(ann, `close ${id} note="done ${i}"`);
    };
    const expected = () => ids.length * 5; // per query: 3 card updates, claimed, closed

    for (let i = 0; i < 5; i++) await lifecycle(i);
    await until('the first notifications', () => notifier.total() === expected());

    await redis.kill();
    for (let i = 5; i < 15; i++) await lifecycle(i); // Redis is down: every command still succeeds
    expect(await bot.deps.store.outbox.pendingCount()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(notifier.total()).toBe(5 * 5);

    await redis.start();
    await until('the notifications that waited', () => notifier.total() >= expected());
    await new Promise((r) => setTimeout(r, 1500)); // anything doubled would show by now
    expect(await bot.deps.store.outbox.pendingCount()).toBe(0);
    for (const id of ids) {
      for (const key of ['card#1', 'card#2', 'card#3', 'claimed', 'closed'])
        expect([id, key, notifier.counts.get(`${id}:${key}`)]).toEqual([id, key, 1]);
      expect(notifier.counts.has(`${id}:card#4`)).toBe(false);
    }
    expect(notifier.total()).toBe(expected());
  }, 90_000);
});
