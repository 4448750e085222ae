import type { webApi } from '@slack/bolt';
import type { Metrics } from '../../adapters/observability/metrics';
import { startBot, type BotHandle, type BotLog } from '../../bot/bot-process';
import { readEnvironment } from '../../bot/environment';
import { SlackPlatform, slackSettings } from '../../bot/slack-wiring';
import type { Role } from '../../core/domain/roles';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import type { Actor } from '../../core/domain/actor';
import { slackMember } from '../support/slack-member';
import { openTestStore, type StoreKind, type TestStore } from '../support/test-stores';
import { FakeSlack } from './fake-slack';
import { SIGNING_SECRET, SlackDriver } from './slack-driver';

export const SUPPORT = 'C0SUPPORT';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  error?: unknown;
}

export interface SlackHarness {
  fake: FakeSlack;
  bot: BotHandle;
  slack: SlackPlatform;
  driver: SlackDriver;
  store: TestStore;
  log: LogLine[];
  /** Creates an account and links it to a Slack user of the test team. */
  member(role: Role, username: string, slackUserId: string): Promise<Actor>;
  /** Waits until queued notifications are delivered. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real thing over a fake Slack: `startBot` with the Slack platform (Bolt in HTTP mode on
 * 127.0.0.1:0, requests verified with the signing secret), a migrated store, the in-process queue,
 * and the Web API pointed at the fake through SLACK_API_URL.
 */
export interface SlackHarnessOptions {
  retryConfig?: webApi.RetryOptions;
  submitDeadlineMs?: number;
  /** Every line is also written here (a pino log under test). */
  alsoLog?: BotLog;
  /** Recorded by the platform; the ops endpoints are served on Bolt's server. */
  metrics?: Metrics;
  /** Draws the chart jobs' images (the real local renderer by default). */
  charts?: ChartRenderer;
  env?: Record<string, string>;
}

export async function startSlackHarness(kind: StoreKind, opts: SlackHarnessOptions = {}): Promise<SlackHarness> {
  const fake = await FakeSlack.start();
  const store = await openTestStore(kind);
  const env = readEnvironment({
    DATABASE_URL: store.url,
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_SUPPORT_CHANNEL: SUPPORT,
    PORT: '0',
    ...opts.env,
  });
  const log: LogLine[] = [];
  const sink = {
    info: (message: string) => (log.push({ level: 'info', message }), opts.alsoLog?.info(message)),
    warn: (message: string) => (log.push({ level: 'warn', message }), opts.alsoLog?.warn(message)),
    error: (message: string, error?: unknown) => (
      log.push({ level: 'error', message, error }), opts.alsoLog?.error(message, error)
    ),
  };
  const slack = new SlackPlatform(slackSettings(env)!, {
    log: sink,
    host: '127.0.0.1',
    clientOptions: { retryConfig: opts.retryConfig ?? { retries: 0 }, timeout: 5000 },
    ...(opts.submitDeadlineMs ? { submitDeadlineMs: opts.submitDeadlineMs } : {}),
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
  });
  const bot = await startBot(env, {
    log: sink,
    platforms: [slack],
    ...(opts.metrics ? { ops: { port: 0, host: '127.0.0.1', metrics: opts.metrics } } : {}),
    ...(opts.charts ? { charts: opts.charts } : {}),
  });
  const driver = new SlackDriver(slack.eventsUrl!, fake);
  return {
    fake,
    bot,
    slack,
    driver,
    store,
    log,
    member: (role, username, slackUserId) => slackMember(bot.runtime.deps, role, username, slackUserId),
    settle: () => bot.runtime.settle(),
    async close() {
      await bot.stop();
      await store.dispose();
      await fake.close();
    },
  };
}
