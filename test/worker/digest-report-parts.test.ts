import { webApi } from '@slack/bolt';
import { LocalChartRenderer } from '../../adapters/charts/local-chart-renderer';
import { DiscordNotifier } from '../../adapters/discord/discord-notifier';
import { RecentInteractions } from '../../adapters/discord/recent-interactions';
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
      const client = new webApi.WebClient(fake.botToken, {
        slackApiUrl: fake.apiUrl,
        retryConfig: { retries: 0 },
        logLevel: webApi.LogLevel.ERROR,
      });
      const sender = new ReplySender({ client, charts: { renderer: new LocalChartRenderer() }, log });
      const slack = new SlackNotifier({
        client,
        supportChannel: 'CSUPPORT',
        leadsChannel: 'CLEADS',
        store: noStore,
        sender,
        log,
      });
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

/** Discord's REST as the notifier uses it: records each message posted, refuses the first with files once. */
function flakyDiscordRest() {
  const posted: { route: string; files: number }[] = [];
  let failFiles = 1;
  const post = async (route: string, o?: { files?: unknown[] }) => {
    const files = o?.files?.length ?? 0;
    if (files && failFiles-- > 0) throw new Error('Discord is briefly away');
    posted.push({ route, files });
    return {};
  };
  const refuse = async () => {
    throw new Error('a report only posts');
  };
  return {
    posted,
    rest: { post, patch: refuse, get: refuse } as unknown as ConstructorParameters<typeof DiscordNotifier>[0]['rest'],
  };
}

describe('a digest on Discord whose chart message failed', () => {
  it('is retried by posting the charts, without posting its message again', async () => {
    const ts = await openTestStore('sqlite');
    try {
      const { posted, rest } = flakyDiscordRest();
      const discord = new DiscordNotifier({
        rest,
        supportChannels: ['900'],
        leadsChannels: ['901'],
        store: noStore,
        charts: tinyCharts,
        recent: new RecentInteractions(),
        log,
      });
      const notifier = new CompositeNotifier([discord], { delivered: () => ts.store.idempotency });
      const deps = testDesk(ts.store);
      const dueAt = deps.clock.now();
      const run = () => postDigest(deps, notifier, tinyCharts, 'daily', dueAt);

      await expect(run()).rejects.toThrow();
      const text = posted.length;
      expect(text).toBeGreaterThanOrEqual(1);
      expect(posted.every((p) => p.route === '/channels/901/messages' && p.files === 0)).toBe(true);

      deps.clock.advance(60_000);
      expect(await run()).toBe(true);
      const again = posted.slice(text);
      expect(again.length).toBeGreaterThanOrEqual(1);
      expect(again.every((p) => p.files > 0)).toBe(true); // only the charts: the message is not posted again
      expect(await run()).toBe(false);
      expect(posted).toHaveLength(text + again.length);
    } finally {
      await ts.dispose();
    }
  });
});
