import { CompositeNotifier } from '../../adapters/notify/composite-notifier';
import type { Job } from '../../core/ports/job-queue';
import type { AlertChannel } from '../../core/ports/notifier';
import { createQuery } from '../../core/queries/create-query';
import { FlakyPlatform } from '../support/flaky-platform';
import { notificationQueue } from '../support/notification-delivery';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

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
    const slack = new FlakyPlatform('slack');
    const discord = new FlakyPlatform('discord', 1);
    const notifier = new CompositeNotifier([slack, discord], { delivered: () => ts.store.idempotency });
    const queue = notificationQueue(() => deps, notifier, { attempts: 3, backoffMs: 10 });
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
