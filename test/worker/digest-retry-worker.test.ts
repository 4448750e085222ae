import { readEnvironment } from '../../bot/environment';
import { startWorker, type WorkerHandle } from '../../bot/worker-process';
import { FlakyPlatform } from '../support/flaky-platform';
import { GatedRenderer } from '../support/gated-renderer';
import { ownMysqlAndRedis, quietLog } from '../support/worker-env';
import { notifierPlatform } from '../support/notifier-platform';

const own = ownMysqlAndRedis();

describe('digests scheduled on BullMQ by cqms worker, with a platform failing once', () => {
  it('posts each digest once on each platform, with 2 workers and the schedule firing every second', async () => {
    const slack = new FlakyPlatform('slack');
    const discord = new FlakyPlatform('discord', 1);
    // Every second (a six-field pattern): the digest of one minute is fired again and again, and retried after the failure.
    const env = readEnvironment({
      DATABASE_URL: own.store().url,
      REDIS_URL: own.redis().url,
      CQMS_DIGEST_DAILY_CRON: '* * * * * *',
      CQMS_DIGEST_WEEKLY_CRON: 'off',
    });
    const workers: WorkerHandle[] = [];
    try {
      for (let i = 0; i < 2; i++)
        workers.push(
          await startWorker(env, {
            log: quietLog,
            platforms: [notifierPlatform(slack.platform, slack), notifierPlatform(discord.platform, discord)],
            charts: new GatedRenderer(true),
          }),
        );
      for (let i = 0; i < 200 && discord.posted.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 2000)); // more firings, and the retry's backoff
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(discord.calls).toBeGreaterThanOrEqual(2); // failed, then posted on a later run
    expect(slack.posted.length).toBeGreaterThanOrEqual(1);
    // One digest a minute, each posted once on each platform: the retry did not post it on Slack again.
    expect(new Set(slack.posted).size).toBe(slack.posted.length);
    expect([...discord.posted].sort()).toEqual([...slack.posted].sort());
  }, 40_000);
});
