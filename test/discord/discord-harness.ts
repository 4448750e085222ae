import { within } from '../../core/async/within';
import type { Metrics } from '../../adapters/observability/metrics';
import { startBot, type BotHandle } from '../../bot/bot-process';
import type { ChatPlatform } from '../../bot/chat-platform';
import { runCli } from '../../bot/cli/program';
import { DiscordPlatform, discordSettings } from '../../bot/discord-wiring';
import { readEnvironment, type Environment } from '../../bot/environment';
import type { Actor } from '../../core/domain/actor';
import type { Role } from '../../core/domain/roles';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import { makeActor } from '../support/test-desk';
import { openTestStore, type StoreKind, type TestStore } from '../support/test-stores';
import { APP_ID, SUPPORT_CHANNEL } from './discord-ids';
import { DiscordDriver, type TestUser } from './discord-driver';
import { FakeDiscord } from './fake-discord';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  error?: unknown;
}

export interface DiscordHarness {
  fake: FakeDiscord;
  bot: BotHandle;
  discord: DiscordPlatform;
  driver: DiscordDriver;
  store: TestStore;
  env: Environment;
  log: LogLine[];
  /** Creates an account and links it to a Discord user. */
  member(role: Role, username: string, user: TestUser): Promise<Actor>;
  /** Waits until queued notifications are delivered. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** More platforms beside Discord, built by the caller against the same environment (the Slack side). */
  more?: (env: Environment, log: LogSink) => ChatPlatform[];
  env?: Record<string, string>;
  ackBudgetMs?: number;
  store?: TestStore;
  /** Every line is also written here (a pino log under test). */
  alsoLog?: LogSink;
  /** Recorded by the platform; the ops endpoints are served on a server of the bot's own. */
  metrics?: Metrics;
  /** Draws the chart jobs' images (the real local renderer by default). */
  charts?: ChartRenderer;
  /** The notifier's clock. */
  now?: () => Date;
  /** Sets the fake up before the bot connects (e.g. refuses a privileged intent). */
  beforeStart?: (fake: FakeDiscord) => void;
}

export interface LogSink {
  info(m: string): void;
  warn(m: string): void;
  error(m: string, e?: unknown): void;
}

/** Fails after `ms` rather than hanging a test run (a gateway that never closes, a store that never answers). */
export function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return within(p, ms, () => {
    throw new Error(`${what} did not finish within ${ms} ms`);
  });
}

/**
 * The real thing over a fake Discord: `startBot` with the Discord platform (the discord.js client logged in to
 * the fake gateway, REST pointed at the fake through DISCORD_API_URL), a migrated store, the in-process queue.
 * An unhandled rejection (discord.js reports a malformed payload that way) fails the test or hook that was
 * running: jest-circus 30 listens for them on the real process, so no listener is needed here.
 */
export async function startDiscordHarness(kind: StoreKind, opts: HarnessOptions = {}): Promise<DiscordHarness> {
  const fake = await FakeDiscord.start();
  opts.beforeStart?.(fake);
  const store = opts.store ?? (await openTestStore(kind));
  const env = readEnvironment({
    DATABASE_URL: store.url,
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL,
    DISCORD_API_URL: fake.apiUrl,
    ...opts.env,
  });
  const log: LogLine[] = [];
  const sink: LogSink = {
    info: (message) => (log.push({ level: 'info', message }), opts.alsoLog?.info(message)),
    warn: (message) => (log.push({ level: 'warn', message }), opts.alsoLog?.warn(message)),
    error: (message, error) => (log.push({ level: 'error', message, error }), opts.alsoLog?.error(message, error)),
  };
  const observed = opts.metrics ? { metrics: opts.metrics } : {};
  const discord = new DiscordPlatform(discordSettings(env)!, {
    log: sink,
    rest: { retries: 0, timeout: 5000 },
    connectTimeoutMs: 5000,
    ...(opts.ackBudgetMs ? { ackBudgetMs: opts.ackBudgetMs } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...observed,
  });
  const ops = opts.metrics ? { ops: { port: 0, host: '127.0.0.1', metrics: opts.metrics } } : {};
  const bot = await bounded(
    startBot(env, {
      log: sink,
      platforms: [discord, ...(opts.more?.(env, sink) ?? [])],
      ...ops,
      ...(opts.charts ? { charts: opts.charts } : {}),
    }),
    15_000,
    'starting the bot',
  );
  return {
    fake,
    bot,
    discord,
    driver: new DiscordDriver(fake),
    store,
    env,
    log,
    async member(role, username, user) {
      const actor = await makeActor(bot.runtime.deps, role, username);
      await bot.runtime.deps.store.identities.link({
        platform: 'discord',
        workspaceId: '',
        platformUserId: user.id,
        userId: actor.userId,
        linkedAt: new Date(),
      });
      return actor;
    },
    settle: () => bounded(bot.runtime.settle(), 10_000, 'delivering notifications'),
    async close() {
      try {
        await bounded(bot.stop(), 10_000, 'stopping the bot');
      } finally {
        await store.dispose();
        await fake.close();
      }
    },
  };
}

/** Runs `cqms <args>` in-process with this environment; returns the exit code and what it printed. */
export async function cqms(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
