import { webApi } from '@slack/bolt';
import { LocalChartRenderer } from '../../adapters/charts/local-chart-renderer';
import { CompositeNotifier } from '../../adapters/notify/composite-notifier';
import { ReplySender } from '../../adapters/slack/reply-sender';
import { SlackNotifier } from '../../adapters/slack/slack-notifier';
import { postDigest } from '../../core/digests/digest-job';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import { FakeSlack } from '../slack/fake-slack';
import { FlakyPlatform } from '../support/flaky-platform';
import { TINY_PNG } from '../support/png';
import { testDesk } from '../support/test-desk';
import { openTestStore } from '../support/test-stores';

const tinyCharts: ChartRenderer = { render: async () => ({ png: TINY_PNG, width: 1, height: 1 }) };
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const noStore = () => {
  throw new Error('a report reads no store');
};

describe('a digest on Slack whose chart upload failed', () => {
  it('is retried by uploading the charts, without posting its message again', async () => {
    const fake = await FakeSlack.start();
    const ts = await openTestStore('sqlite');
    try {
      const client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });
      const sender = new ReplySender({ client, charts: { renderer: new LocalChartRenderer() }, log });
      const slack = new SlackNotifier({ client, supportChannel: 'CSUPPORT', leadsChannel: 'CLEADS', store: noStore, sender, log });
      const discord = new FlakyPlatform('discord');
      const notifier = new CompositeNotifier([slack, discord], { delivered: () => ts.store.idempotency });
      const deps = testDesk(ts.store);
      const dueAt = deps.clock.now();
      const run = () => postDigest(deps, notifier, tinyCharts, 'daily', dueAt);

      fake.failNext('files.getUploadURLExternal', 'internal_error');
      await expect(run()).rejects.toThrow();
      const messages = fake.api('chat.postMessage');
      expect(messages.length).toBeGreaterThanOrEqual(1);
      expect(messages.every((m) => m.body.channel === 'CLEADS')).toBe(true);
      expect(fake.api('files.completeUploadExternal')).toHaveLength(0);

      deps.clock.advance(60_000); // the job's retry, after its backoff
      expect(await run()).toBe(true);
      expect(fake.api('chat.postMessage')).toHaveLength(messages.length); // the message is not posted again
      const uploads = fake.api('files.completeUploadExternal');
      expect(uploads).toHaveLength(1);
      expect(uploads[0]!.body.channel_id).toBe('CLEADS');
      expect(discord.posted).toHaveLength(1); // posted on the first run, not again

      expect(await run()).toBe(false); // done
      expect(fake.api('files.completeUploadExternal')).toHaveLength(1);
    } finally {
      await ts.dispose();
      await fake.close();
    }
  }, 20_000);
});
