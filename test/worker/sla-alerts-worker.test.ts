import type { PlatformNotifier } from '../../adapters/notify/platform-notifier';
import type { ChatPlatform } from '../../bot/chat-platform';
import { buildDesk } from '../../bot/desk-wiring';
import { readEnvironment } from '../../bot/environment';
import { startWorker, type WorkerHandle } from '../../bot/worker-process';
import type { AlertChannel, AlertNotice } from '../../core/ports/notifier';
import { createQuery } from '../../core/queries/create-query';
import { makeActor, testDesk } from '../support/test-desk';
import { ownMysqlAndRedis, quietLog } from '../support/worker-env';
import { notifierPlatform } from '../support/notifier-platform';

const H = 3_600_000;
const own = ownMysqlAndRedis();

/** Records alerts posted by any number of platforms, as `channel #id: SLA warning|SLA breached`. */
const posted: string[] = [];
const recorder = (): PlatformNotifier => ({
  platform: 'shell',
  upsertChannelCard: async () => undefined,
  sendDirect: async () => true,
  postCharts: async () => undefined,
  postReport: async () => undefined,
  postAlert: async (channel: AlertChannel, alert: AlertNotice) =>
    void posted.push(`${channel} #${alert.queryId}: ${alert.text.replace(/:.*/, '')}`),
});
/** A query raised 5 h ago (an injected clock), so the first sweep finds both first-response levels due. */
async function lateQuery(): Promise<number> {
  const deps = testDesk(own.store().store);
  deps.clock.set(new Date(Date.now() - 5 * H));
  const zoe = await makeActor(deps, 'client', `zoe${posted.length}${Math.floor(Math.random() * 1e6)}`);
  return (await createQuery(deps, zoe, { category: 'Bug Report', heading: 'late', description: 'd' })).query.id;
}
async function alertsOf(id: number): Promise<string[]> {
  for (let i = 0; i < 200 && posted.filter((p) => p.includes(`#${id}:`)).length < 3; i++)
    await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 1500)); // several more sweeps
  return posted.filter((p) => p.includes(`#${id}:`)).sort();
}
const once = (id: number) => [
  `leads #${id}: SLA breached`,
  `support #${id}: SLA breached`,
  `support #${id}: SLA warning`,
];

describe('SLA sweeps scheduled on BullMQ by cqms worker', () => {
  it('alerts a query past its first-response target once per level with 3 workers sweeping', async () => {
    const platform = (): ChatPlatform => notifierPlatform('rec', recorder());
    const id = await lateQuery();
    const env = readEnvironment({ DATABASE_URL: own.store().url, REDIS_URL: own.redis().url });
    const workers: WorkerHandle[] = [];
    try {
      for (let i = 0; i < 3; i++)
        workers.push(await startWorker(env, { log: quietLog, platforms: [platform()], slaSweepEveryMs: 200 }));
      expect(await alertsOf(id)).toEqual(once(id));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  }, 30_000);
});

describe('SLA sweeps in the in-process desk (no REDIS_URL)', () => {
  it('sweeps on a timer while open, alerting once per level even with 3 desks', async () => {
    const id = await lateQuery();
    const env = readEnvironment({ DATABASE_URL: own.store().url });
    const desks = await Promise.all(
      [0, 1, 2].map(() => buildDesk(env, { notifiers: [recorder()], slaSweepEveryMs: 100 })),
    );
    try {
      expect(await alertsOf(id)).toEqual(once(id));
    } finally {
      await Promise.all(desks.map((d) => d.close()));
    }
  }, 30_000);
});
