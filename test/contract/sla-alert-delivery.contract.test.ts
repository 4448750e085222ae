import { openStore, type SequelizeStore } from '../../adapters/storage/sequelize-store';
import type { Actor } from '../../core/domain/actor';
import { queueSlaAlert } from '../../core/notifications/sla-alert-notice';
import type { AlertChannel, AlertNotice, Notifier } from '../../core/ports/notifier';
import { claimQuery } from '../../core/queries/claim-query';
import { createQuery } from '../../core/queries/create-query';
import { runSlaSweep } from '../../core/sla/run-sweep';
import { outboxDelivery, type OutboxDelivery } from '../support/notification-delivery';
import { makeActor, T0, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const H = 3_600_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

class AlertRecorder implements Notifier {
  alerts: Array<{ channel: AlertChannel; alert: AlertNotice }> = [];
  async upsertChannelCard() {}
  async sendDirect() {
    return true;
  }
  async postAlert(channel: AlertChannel, alert: AlertNotice) {
    this.alerts.push({ channel, alert });
  }
  async postCharts() {}
  async postReport() {}
  of(queryId: number) {
    return this.alerts.filter((a) => a.alert.queryId === queryId).map((a) => `${a.channel}: ${a.alert.text}`);
  }
}

describe.each(STORE_KINDS)('SLA alerts delivered through the outbox on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let client: Actor;
  let agent: Actor;
  let delivery: OutboxDelivery;
  const notifier = new AlertRecorder();
  const settle = () => delivery.settle();

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    delivery = outboxDelivery(deps, notifier);
    client = await makeActor(deps, 'client', 'alertclient');
    agent = await makeActor(deps, 'agent', 'alertagent', 'slack');
  });
  afterAll(async () => {
    await delivery.queue.close();
    await ts.dispose();
  });

  const open = async (when: Date) => {
    deps.clock.set(when);
    return (await createQuery(deps, client, { category: 'Bug Report', heading: 'sla', description: 'alert' })).query;
  };

  it('posts a warning to support and a breach to support and leads, once each, with 3 sweeps racing', async () => {
    const q = await open(T0);
    const workers: SequelizeStore[] = [];
    for (let w = 0; w < 3; w++) workers.push(await openStore(ts.url));
    const race = (now: Date) =>
      Promise.all(
        workers.map((store) =>
          runSlaSweep({ store, config: deps.config }, now, { pageSize: 1, onRecorded: queueSlaAlert }),
        ),
      );
    try {
      await race(at(3.2 * H - 1));
      await settle();
      expect(notifier.of(q.id)).toEqual([]);
      await race(at(3.2 * H));
      await race(at(3.5 * H));
      await settle();
      expect(notifier.of(q.id)).toEqual([
        `support: SLA warning: the first response target of query #${q.id} (Bug Report) is close.`,
      ]);
      await race(at(4 * H));
      await race(at(4 * H + 60_000));
      await settle();
      expect(notifier.of(q.id).sort()).toEqual([
        `leads: SLA breached: the first response target of query #${q.id} (Bug Report) has passed.`,
        `support: SLA breached: the first response target of query #${q.id} (Bug Report) has passed.`,
        `support: SLA warning: the first response target of query #${q.id} (Bug Report) is close.`,
      ]);
    } finally {
      await Promise.all(workers.map((s) => s.close()));
    }
  });

  it('mentions the assignee of a claimed query', async () => {
    const q = await open(at(1000 * H));
    deps.clock.set(at(1001 * H));
    await claimQuery(deps, agent, q.id);
    await runSlaSweep(deps, at(1000 * H + 57.6 * H), { onRecorded: queueSlaAlert });
    await settle();
    const mine = notifier.alerts.filter((a) => a.alert.queryId === q.id);
    expect(mine).toEqual([
      {
        channel: 'support',
        alert: {
          queryId: q.id,
          text: `SLA warning: the resolution target of query #${q.id} (Bug Report) is close.`,
          mention: { userId: agent.userId, name: 'Alertagent' },
          deliveryKey: `slaAlert:${q.id}:resolution:warning:support`,
        },
      },
    ]);
  });
});
