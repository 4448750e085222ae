import type { PlatformNotifier } from '../../adapters/notify/composite-notifier';
import type { ChatPlatform } from '../../bot/bot-process';
import { readEnvironment } from '../../bot/environment';
import { startWorker, type WorkerHandle } from '../../bot/worker-process';
import type { AlertChannel, AlertNotice } from '../../core/ports/notifier';
import { createQuery } from '../../core/queries/create-query';
import { makeActor, testDesk } from '../support/test-desk';
import { ownMysqlAndRedis, quietLog } from '../support/worker-env';

const H = 3_600_000;
const own = ownMysqlAndRedis();

describe('SLA sweeps scheduled on BullMQ by cqms worker', () => {
  it('alerts a query past its first-response target once per level with 3 workers sweeping', async () => {
    const posted: string[] = [];
    const recorder = (): PlatformNotifier => ({
      platform: 'shell',
      upsertChannelCard: async () => undefined,
      sendDirect: async () => true,
      postAlert: async (channel: AlertChannel, alert: AlertNotice) => void posted.push(`${channel} #${alert.queryId}: ${alert.text.replace(/:.*/, '')}`),
    });
    const platform = (): ChatPlatform => ({ name: 'rec', notifier: recorder(), start: async () => undefined, stop: async () => undefined, notifyOnly: () => undefined, describe: () => 'rec' });
    // The query was raised 5 h ago (an injected clock), so the first sweep finds both first-response levels due.
    const deps = testDesk(own.store().store);
    deps.clock.set(new Date(Date.now() - 5 * H));
    const zoe = await makeActor(deps, 'client', 'zoe');
    const { query } = await createQuery(deps, zoe, { category: 'Bug Report', heading: 'late', description: 'd' });
    const env = readEnvironment({ DATABASE_URL: own.store().url, REDIS_URL: own.redis().url });
    const workers: WorkerHandle[] = [];
    try {
      for (let i = 0; i < 3; i++) workers.push(await startWorker(env, { log: quietLog, platforms: [platform()], slaSweepEveryMs: 200 }));
      for (let i = 0; i < 200 && posted.length < 3; i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 1500)); // several more sweeps
      const mine = posted.filter((p) => p.includes(`#${query.id}:`)).sort();
      expect(mine).toEqual([`leads #${query.id}: SLA breached`, `support #${query.id}: SLA breached`, `support #${query.id}: SLA warning`]);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  }, 30_000);
});
