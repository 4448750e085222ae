import { CompositeNotifier, type PlatformNotifier } from '../../adapters/notify/composite-notifier';
import { InProcessQueue } from '../../adapters/queue/in-process-queue';
import type { Platform } from '../../core/domain/platform';
import { notificationJobHandler } from '../../core/notifications/notification-job';
import type { Job } from '../../core/ports/job-queue';
import type { AlertChannel, AlertNotice } from '../../core/ports/notifier';
import { createQuery } from '../../core/queries/create-query';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

/** A platform that records the alerts it posted, and refuses the first `failures` posts. */
class AlertPlatform implements PlatformNotifier {
  readonly posted: string[] = [];
  calls = 0;
  constructor(
    readonly platform: Platform,
    private failures = 0,
  ) {}
  async postAlert(channel: AlertChannel, alert: AlertNotice): Promise<void> {
    this.calls++;
    if (this.failures-- > 0) throw new Error(`${this.platform} is briefly away`);
    this.posted.push(`${channel}: ${alert.text}`);
  }
  async upsertChannelCard(): Promise<void> {}
  async postCharts(): Promise<void> {}
  async postReport(): Promise<void> {}
  async sendDirect(): Promise<boolean> {
    return false;
  }
}

const alertJob = (queryId: number, level: 'warning' | 'breach', channel: AlertChannel): Job => ({
  name: 'notify',
  intent: { kind: 'slaAlert', queryId, clock: 'firstResponse', level, channel },
});

describe.each(STORE_KINDS)('an alert across platforms on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
  });
  afterAll(() => ts.dispose());

  it('is posted once on each platform when one fails once and the job retries', async () => {
    const client = await makeActor(deps, 'client', 'ppclient');
    const { query } = await createQuery(deps, client, { category: 'Bug Report', heading: 'h', description: 'd' });
    const slack = new AlertPlatform('slack');
    const discord = new AlertPlatform('discord', 1);
    const notifier = new CompositeNotifier([slack, discord], { delivered: () => ts.store.idempotency });
    const queue = new InProcessQueue(notificationJobHandler(() => deps, notifier, { render: () => Promise.reject(new Error('no chart is drawn in this test')) }), { attempts: 3, backoffMs: 10 });
    await queue.enqueue(alertJob(query.id, 'breach', 'support'));
    await queue.drain();
    expect(queue.failed).toHaveLength(0);
    expect(discord.calls).toBe(2); // failed, then posted on the retry
    const text = `support: SLA breached: the first response target of query #${query.id} (Bug Report) has passed.`;
    expect(slack.posted).toEqual([text]); // not again on the retry
    expect(discord.posted).toEqual([text]);

    // Another delivery (the leads channel, another level) is its own.
    await queue.enqueue(alertJob(query.id, 'breach', 'leads'));
    await queue.enqueue(alertJob(query.id, 'warning', 'support'));
    await queue.drain();
    expect(slack.posted).toHaveLength(3);
    expect(discord.posted).toHaveLength(3);
    await queue.close();
  });
});
