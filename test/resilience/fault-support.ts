import { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import type { PlatformNotifier } from '../../adapters/notify/platform-notifier';
import type { SequelizeStore } from '../../adapters/storage/sequelize-store';
import type { CardView } from '../../core/views/view-model';
import { REDIS_URL } from '../support/queues-under-test';

/** A platform notifier that records what it was asked to deliver (one line per delivery). */
export function recordingNotifier(): PlatformNotifier & { delivered: string[] } {
  const delivered: string[] = [];
  return {
    platform: 'shell',
    delivered,
    async upsertChannelCard(queryId: number, card: CardView) {
      delivered.push(`card ${queryId} ${card.status}`);
    },
    async postAlert(channel, alert) {
      delivered.push(`alert ${channel} ${alert.queryId} ${alert.text}`);
    },
    async postCharts(place) {
      delivered.push(`charts ${place.platform}`);
    },
    async postReport(channel) {
      delivered.push(`report ${channel}`);
    },
    async sendDirect(userId) {
      delivered.push(`direct ${userId}`);
      return true;
    },
  };
}

/**
 * Queries stored half-done: without their `created` event, or without the outbox row announcing their card.
 * Read straight from the database (not through the proxy the app uses).
 */
export async function halfDoneQueries(store: SequelizeStore): Promise<number[]> {
  const [queries] = (await store.sequelize.query('SELECT id FROM client_queries')) as [{ id: number }[], unknown];
  const [events] = (await store.sequelize.query(
    "SELECT query_id AS queryId FROM query_events WHERE type = 'created'",
  )) as [{ queryId: number }[], unknown];
  const [outbox] = (await store.sequelize.query('SELECT job FROM outbox')) as [{ job: string }[], unknown];
  const created = new Set(events.map((e) => e.queryId));
  const carded = new Set(
    outbox
      .map((o) => JSON.parse(o.job) as { name: string; intent?: { kind: string; queryId: number } })
      .filter((j) => j.intent?.kind === 'channelCard')
      .map((j) => j.intent!.queryId),
  );
  return queries.map((q) => q.id).filter((id) => !created.has(id) || !carded.has(id));
}

export async function countRows(store: SequelizeStore, table: string): Promise<number> {
  const [rows] = (await store.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`)) as [
    { n: number | string }[],
    unknown,
  ];
  return Number(rows[0]!.n);
}

/** Retries `attempt` until it resolves; returns its value and how long that took. */
export async function untilItWorks<T>(
  attempt: () => Promise<T>,
  timeoutMs: number,
  everyMs = 100,
): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    try {
      return { value: await attempt(), ms: Date.now() - started };
    } catch (e) {
      if (Date.now() - started > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

/** Removes every BullMQ key a test wrote under its prefix on the shared Redis. */
export async function dropQueue(prefix: string): Promise<void> {
  const q = new BullmqQueue({ redisUrl: REDIS_URL, prefix });
  await q.queue.obliterate({ force: true }).catch(() => undefined);
  await q.close();
}
