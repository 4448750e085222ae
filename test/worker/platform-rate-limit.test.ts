import { webApi } from '@slack/bolt';
import type { Client } from 'discord.js';
import { LocalChartRenderer } from '../../adapters/charts/local-chart-renderer';
import { createDiscordClient } from '../../adapters/discord/discord-client';
import { DiscordNotifier } from '../../adapters/discord/discord-notifier';
import { RecentInteractions } from '../../adapters/discord/recent-interactions';
import { CompositeNotifier } from '../../adapters/notify/composite-notifier';
import type { PlatformNotifier } from '../../adapters/notify/platform-notifier';
import { ReplySender } from '../../adapters/slack/reply-sender';
import { SlackNotifier } from '../../adapters/slack/slack-notifier';
import type { AlertNotice } from '../../core/ports/notifier';
import { FakeDiscord } from '../discord/fake-discord';
import { FakeSlack } from '../slack/fake-slack';
import { QUEUE_KINDS, queueUnderTest, type QueueUnderTest } from '../support/queues-under-test';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const noStore = () => {
  throw new Error('an alert without a mention reads no store');
};
const ALERT: AlertNotice = { queryId: 7, text: 'SLA breached: query #7', mention: null };
const CHANNEL = 'C0SUPPORT';

/**
 * A platform that keeps answering 429 after its client's own retries: the notifier throws RetryLater with the
 * platform's Retry-After, the queue waits that long (without spending an attempt), and the next run posts.
 */
describe.each(QUEUE_KINDS)('platform rate limits become RetryLater on the %s queue', (kind) => {
  let q: QueueUnderTest | undefined;
  afterEach(async () => {
    await q?.close();
    q = undefined;
  });

  /** Runs one postAlert job on a queue allowing a single attempt; returns when each run started. */
  const deliver = async (notifier: PlatformNotifier) => {
    const runs: number[] = [];
    const composite = new CompositeNotifier([notifier]);
    q = queueUnderTest(kind, async () => void (runs.push(Date.now()), await composite.postAlert('support', ALERT)), {
      attempts: 1,
      backoffMs: 10,
    });
    await q.queue.enqueue({
      name: 'notify',
      intent: { kind: 'slaAlert', queryId: 7, clock: 'firstResponse', level: 'breach', channel: 'support' },
    });
    await q.settle(20_000);
    expect(await q.failedCount()).toBe(0);
    return runs;
  };

  it('Slack: WebClient gives up after its retries, the job waits Retry-After and posts once', async () => {
    const fake = await FakeSlack.start();
    try {
      const client = new webApi.WebClient(fake.botToken, {
        slackApiUrl: fake.apiUrl,
        retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 },
        logLevel: webApi.LogLevel.ERROR,
      });
      const sender = new ReplySender({ client, charts: { renderer: new LocalChartRenderer() }, log });
      const notifier = new SlackNotifier({ client, supportChannel: CHANNEL, store: noStore, sender, log });
      fake.rateLimitNext('chat.postMessage', 1);
      fake.rateLimitNext('chat.postMessage', 1); // the library's one retry is refused too
      const runs = await deliver(notifier);
      const calls = fake.api('chat.postMessage');
      expect(calls).toHaveLength(3);
      expect(runs).toHaveLength(2); // one attempt allowed: the second run is the RetryLater
      // The queue waited Retry-After (1 s) after the library's last refused call.
      expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(1000 + 950);
      expect(calls[2]!.body.text).toBe('SLA breached: query #7');
    } finally {
      await fake.close();
    }
  }, 30_000);

  it('Discord: REST rejects a persistent 429 (RateLimitError), the job waits and posts once', async () => {
    const fake = await FakeDiscord.start();
    let client: Client | undefined;
    try {
      client = createDiscordClient({ apiUrl: fake.apiUrl, rest: { retries: 0, timeout: 5000 } });
      client.rest.setToken(fake.token);
      const notifier = new DiscordNotifier({
        rest: client.rest,
        supportChannels: ['900'],
        store: noStore,
        charts: new LocalChartRenderer(),
        recent: new RecentInteractions(),
        log,
      });
      for (let i = 0; i < 3; i++) fake.rateLimitNext('POST', /^\/channels\/900\/messages$/, 1);
      const runs = await deliver(notifier);
      const calls = fake.calls('POST', /^\/channels\/900\/messages$/);
      expect(calls.map((c) => c.status)).toEqual([429, 429, 429, 200]);
      expect(runs).toHaveLength(2);
      expect(calls[3]!.at - calls[2]!.at).toBeGreaterThanOrEqual(950);
      expect(fake.messages.get('900')?.size).toBe(1);
    } finally {
      await client?.destroy();
      await fake.close();
    }
  }, 30_000);
});
