import type { PlatformNotifier } from '../adapters/notify/composite-notifier';
import type { ChartRenderer } from '../core/ports/chart-renderer';
import { buildDesk, type DeskRuntime } from './desk-wiring';
import { EnvironmentError, type Environment } from './environment';
import { DiscordPlatform, discordSettings } from './discord-wiring';
import { SlackPlatform, slackSettings } from './slack-wiring';

/** One chat platform the bot serves: its notifier goes into the desk; it receives requests once started. */
export interface ChatPlatform {
  readonly name: string;
  readonly notifier: PlatformNotifier;
  start(runtime: DeskRuntime): Promise<void>;
  /** Gives the notifier the desk without taking requests (`cqms worker` delivers, the bot receives). */
  notifyOnly(runtime: DeskRuntime): void;
  /** Stops taking requests. */
  stop(): Promise<void>;
  describe(): string;
}

export interface BotLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Every platform the environment configures. */
export function chatPlatforms(env: Environment, log: BotLog): ChatPlatform[] {
  const slack = slackSettings(env);
  const discord = discordSettings(env);
  return [...(slack ? [new SlackPlatform(slack, { log })] : []), ...(discord ? [new DiscordPlatform(discord, { log })] : [])];
}

export interface BotHandle {
  runtime: DeskRuntime;
  platforms: readonly ChatPlatform[];
  /** Stops the platforms, lets queued notifications finish, closes the store. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves once stopped (by stop() or by SIGINT/SIGTERM). */
  stopped: Promise<void>;
}

export interface StartBotOptions {
  log: BotLog;
  /** Platforms built by the caller (tests); by default those the environment configures. */
  platforms?: ChatPlatform[];
  /** Stop gracefully on SIGINT and SIGTERM. */
  signals?: boolean;
  /** Draws chart images for the in-process jobs (tests pass one they control). */
  charts?: ChartRenderer;
}

/** `cqms bot`: the desk (store migrated) with every configured platform on it. */
export async function startBot(env: Environment, opts: StartBotOptions): Promise<BotHandle> {
  const platforms = opts.platforms ?? chatPlatforms(env, opts.log);
  if (platforms.length === 0) {
    throw new EnvironmentError('No chat platform is configured: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode), and/or DISCORD_TOKEN with DISCORD_APPLICATION_ID.');
  }
  const runtime = await buildDesk(env, { migrate: true, notifiers: platforms.map((p) => p.notifier), onRelayError: relayWarner(opts.log), ...(opts.charts ? { charts: opts.charts } : {}) });
  const started: ChatPlatform[] = [];
  const stopAll = async () => {
    for (const p of [...started].reverse()) await p.stop().catch((e: unknown) => opts.log.error(`stopping ${p.name} failed`, e));
    await runtime.close();
  };
  try {
    for (const p of platforms) {
      await p.start(runtime);
      started.push(p);
    }
  } catch (e) {
    await stopAll();
    throw e;
  }
  let done: () => void = () => undefined;
  const stopped = new Promise<void>((r) => (done = r));
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    opts.log.info(`${signal}: stopping`);
    void stop();
  };
  const stop = () =>
    (stopping ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await stopAll();
      done();
    })());
  if (opts.signals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { runtime, platforms: started, stop, stopped };
}

/** Warns when the outbox relay cannot reach the job queue, at most once a minute rather than on every retry. */
export function relayWarner(log: BotLog, quietMs = 60_000): (error: unknown) => void {
  let last = -Infinity;
  return (e) => {
    if (Date.now() - last < quietMs) return;
    last = Date.now();
    log.warn(`outbox relay: the job queue is away, notifications wait in the outbox (${e instanceof Error ? e.message : String(e)})`);
  };
}

/** Log lines on stderr; an error's stack goes to the log (never to a user). */
export function stderrLog(): BotLog {
  const line = (level: string, message: string) => process.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`);
  return {
    info: (m) => line('INFO', m),
    warn: (m) => line('WARN', m),
    error: (m, e) => {
      const detail = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : e === undefined ? '' : String(e);
      line('ERROR', detail ? `${m}: ${detail}` : m);
    },
  };
}
