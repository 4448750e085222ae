import type { PlatformNotifier } from '../../adapters/notify/platform-notifier';
import { buildDesk } from '../../bot/desk-wiring';
import { readEnvironment } from '../../bot/environment';
import { SlackPlatform, slackSettings } from '../../bot/slack-wiring';
import { startWorker, type WorkerHandle } from '../../bot/worker-process';
import type { Reply } from '../../core/views/view-model';
import { startSlackHarness, type SlackHarness } from '../slack/slack-harness';
import { GatedRenderer } from '../support/gated-renderer';
import { freePort, OwnRedis } from '../support/redis-server';
import { raiseSampleQuery } from '../support/test-desk';
import { openTestStore } from '../support/test-stores';
import { quietLog } from '../support/worker-env';

describe('chart jobs on BullMQ: the bot answers, cqms worker draws and uploads', () => {
  let redis: OwnRedis;
  let h: SlackHarness;
  let worker: WorkerHandle;
  const renderer = new GatedRenderer();

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    h = await startSlackHarness('mysql', { env: { REDIS_URL: redis.url } });
    await h.member('lead', 'lee', 'U0LEE');
    await raiseSampleQuery(h.bot.runtime.deps);
    const env = readEnvironment({
      DATABASE_URL: h.store.url,
      REDIS_URL: redis.url,
      SLACK_BOT_TOKEN: h.fake.botToken,
      SLACK_APP_TOKEN: 'xapp-unused',
      SLACK_API_URL: h.fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
      CQMS_DIGEST_DAILY_CRON: 'off',
      CQMS_DIGEST_WEEKLY_CRON: 'off',
    });
    const slack = new SlackPlatform(slackSettings(env)!, {
      log: quietLog,
      clientOptions: { retryConfig: { retries: 0 }, timeout: 5000 },
    });
    worker = await startWorker(env, { log: quietLog, platforms: [slack], charts: renderer });
  }, 30_000);
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
    await redis?.kill();
  });

  it('answers /cqms team with the figures while the worker is drawing, then the worker uploads the charts to the DM', async () => {
    const { driver, fake } = h;
    const team = await driver.slash('U0LEE', 'team', { channelId: 'C0OPS' });
    const answer = await fake.waitFor(
      () => fake.of('response').find((c) => c.method === new URL(team.responseUrl).pathname),
      'the answer',
    );
    expect(JSON.stringify(answer.body)).toMatch(/6 charts follow as images in your DM with this app/);
    await fake.waitFor(() => renderer.asked.length > 0, 'the worker to start drawing');
    expect(fake.api('files.getUploadURLExternal')).toHaveLength(0);
    renderer.open();
    // Typed in a public channel: the worker uploads them where only the asker sees them.
    const complete = await fake.waitFor(
      () => fake.api('files.completeUploadExternal').find((c) => c.body.channel_id === 'DU0LEE'),
      'the upload by the worker',
    );
    expect(fake.api('files.completeUploadExternal').filter((c) => c.body.channel_id === 'C0OPS')).toEqual([]);
    expect((complete.body.files as unknown[]).length).toBe(6);
    expect(complete.at).toBeGreaterThanOrEqual(answer.at);
  }, 20_000);
});

describe('digests on timers in the in-process desk (no REDIS_URL)', () => {
  it('fires from the cron pattern and posts one digest per period and minute, even with 2 desks', async () => {
    const ts = await openTestStore('mysql');
    const reports: Reply[] = [];
    const recorder: PlatformNotifier = {
      platform: 'shell',
      upsertChannelCard: async () => undefined,
      sendDirect: async () => true,
      postAlert: async () => undefined,
      postCharts: async () => undefined,
      postReport: async (_channel, report) => void reports.push(report),
    };
    // Every second (a six-field pattern), so the test need not wait for 09:00.
    const env = readEnvironment({
      DATABASE_URL: ts.url,
      CQMS_DIGEST_DAILY_CRON: '* * * * * *',
      CQMS_DIGEST_WEEKLY_CRON: 'off',
    });
    const desks = await Promise.all(
      [0, 1].map(() => buildDesk(env, { migrate: true, notifiers: [recorder], charts: new GatedRenderer(true) })),
    );
    try {
      const started = Date.now();
      // Fires every second; the first digest's job (analytics, charts) may take a while on a loaded machine.
      for (const until = started + 10_000; reports.length === 0 && Date.now() < until; )
        await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 2500));
      const minutes = new Set([Math.floor(started / 60_000), Math.floor(Date.now() / 60_000)]).size;
      expect(reports.length).toBeGreaterThanOrEqual(1);
      expect(reports.length).toBeLessThanOrEqual(minutes);
      expect(JSON.stringify(reports[0])).toMatch(/Daily digest/);
    } finally {
      await Promise.all(desks.map((d) => d.close()));
      await ts.dispose();
    }
  }, 20_000);
});
