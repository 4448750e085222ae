import { randomBytes } from 'node:crypto';
import { CompositeNotifier } from '../../adapters/notify/composite-notifier';
import type { PlatformNotifier } from '../../adapters/notify/platform-notifier';
import { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import { BullmqWorker } from '../../adapters/queue/bullmq-worker';
import { openStore, type SequelizeStore } from '../../adapters/storage/sequelize-store';
import type { DeskDeps } from '../../core/desk/desk-deps';
import type { Actor } from '../../core/domain/actor';
import { notificationJobHandler } from '../../core/notifications/notification-job';
import { markingOutboxDone } from '../../core/notifications/outbox-done';
import { OutboxRelay } from '../../core/notifications/outbox-relay';
import { systemClock } from '../../core/ports/clock';
import { createQuery } from '../../core/queries/create-query';
import { postMessage } from '../../core/queries/post-message';
import { REDIS_URL } from '../support/queues-under-test';
import { RecordingConversation } from '../support/recording-conversation';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';

/** A platform that only shows conversations: the other notifications are not this test's business. */
function conversationOnly(conversation: RecordingConversation): PlatformNotifier {
  return {
    platform: 'slack',
    conversation,
    upsertChannelCard: async () => undefined,
    sendDirect: async () => true,
    postAlert: async () => undefined,
    postCharts: async () => undefined,
    postReport: async () => undefined,
  };
}

/**
 * Two desks (two connection pools, two relays) and two BullMQ workers on one queue, as two `cqms worker`
 * processes would run them, while two writers post to one query: every message reaches each place once, in order.
 */
describe('conversation delivery with two workers racing (MySQL, Redis)', () => {
  let ts: TestStore;
  let other: SequelizeStore;

  beforeAll(async () => {
    ts = await openTestStore('mysql');
    other = await openStore(ts.url, { poolMax: 20 });
  });
  afterAll(async () => {
    await other.close();
    await ts.dispose();
  });

  it('delivers every message once and in seq order to the support thread and the client', async () => {
    const platform = new RecordingConversation(() => ts.store, { delayMs: 4 });
    const settings = { redisUrl: REDIS_URL, prefix: `cqms-conv-${randomBytes(4).toString('hex')}`, backoffMs: 50 };
    const queue = new BullmqQueue(settings);
    const desks = [ts.store, other].map((store) => {
      const deps: DeskDeps = { ...testDesk(store), clock: systemClock, jobs: queue };
      const relay = new OutboxRelay({ store, queue, clock: systemClock });
      deps.relay = relay;
      const handler = notificationJobHandler(() => deps, new CompositeNotifier([conversationOnly(platform)]), {
        render: () => Promise.reject(new Error('no charts here')),
      });
      const worker = new BullmqWorker(
        settings,
        markingOutboxDone(() => deps, handler),
        { concurrency: 4 },
      );
      return { deps, relay, worker };
    });
    const [a, b] = desks as [(typeof desks)[0], (typeof desks)[0]];
    try {
      const zoe: Actor = await makeActor(a.deps, 'client', 'zoe');
      const ann: Actor = await makeActor(a.deps, 'agent', 'ann');
      const id = (await createQuery(a.deps, zoe, { category: 'Bug Report', heading: 'crash', description: 'd' })).query
        .id;
      const write = async (who: Actor, deps: DeskDeps) => {
        for (let i = 0; i < 10; i++) {
          await postMessage(deps, who, { queryId: id, text: `${who.username} ${i}`, visibility: 'public' });
          await new Promise((r) => setTimeout(r, 3));
        }
      };
      await Promise.all([write(zoe, a.deps), write(ann, b.deps)]);
      const all = Array.from({ length: 20 }, (_, i) => i + 1);
      const end = Date.now() + 30_000;
      while (platform.at(id, 'client').length < 20 || platform.at(id, 'staff').length < 20) {
        if (Date.now() > end) throw new Error(`not delivered: ${platform.posted.length} copies`);
        await Promise.all([a.relay.flush(), b.relay.flush()]);
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 1_500)); // jobs still retrying find nothing more to post
      expect(platform.at(id, 'staff').map((c) => c.seq)).toEqual(all);
      expect(platform.at(id, 'client').map((c) => c.seq)).toEqual(all);
      expect(await ts.store.outbox.pendingCount()).toBe(0);
    } finally {
      for (const d of desks) await d.worker.close();
      await queue.queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  }, 60_000);
});
