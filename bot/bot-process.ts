import type { ChatPlatform } from './chat-platform';
import { Metrics } from '../adapters/observability/metrics';
import type { ChartRenderer } from '../core/ports/chart-renderer';
import { buildDesk, type DeskRuntime } from './desk-wiring';
import { EnvironmentError, type Environment } from './environment';
import { NO_PLATFORM } from './environment-rules';
import { gracefulStop, SHUTDOWN_GRACE_MS } from './graceful-stop';
import { startOps, type ProcessOps } from './ops-wiring';

export interface BotLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/**
 * Every platform the environment configures, recording into `metrics` when given. Each platform's library
 * loads only when it is configured: discord.js alone adds about 35 MB to a Slack-only bot's memory.
 */
export async function chatPlatforms(env: Environment, log: BotLog, metrics?: Metrics): Promise<ChatPlatform[]> {
  const o = { log, ...(metrics ? { metrics } : {}) };
  const platforms: ChatPlatform[] = [];
  if (env.SLACK_BOT_TOKEN || env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) {
    const { SlackPlatform, slackSettings } = await import('./slack-wiring.js');
    const slack = slackSettings(env);
    if (slack) platforms.push(new SlackPlatform(slack, o));
  }
  if (env.DISCORD_TOKEN || env.DISCORD_APPLICATION_ID) {
    const { DiscordPlatform, discordSettings } = await import('./discord-wiring.js');
    const discord = discordSettings(env);
    if (discord) platforms.push(new DiscordPlatform(discord, o));
  }
  return platforms;
}

export interface BotHandle {
  runtime: DeskRuntime;
  platforms: readonly ChatPlatform[];
  /** Stops the platforms, lets queued notifications finish, closes the store. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves once stopped (by stop() or by SIGINT/SIGTERM). */
  stopped: Promise<void>;
  /** The health and metrics endpoints, when served (`ops`). */
  ops: ProcessOps | null;
}

export interface StartBotOptions {
  log: BotLog;
  /** Platforms built by the caller (tests); by default those the environment configures. */
  platforms?: ChatPlatform[];
  /** Stop gracefully on SIGINT and SIGTERM. */
  signals?: boolean;
  /**
   * Serve /healthz, /readyz and /metrics: on Slack's HTTP server in HTTP mode, else on a server of the bot's own
   * on this port. `metrics` is what the platforms record into (tests build their platforms with it).
   */
  ops?: { port: number; host?: string; metrics?: Metrics };
  /** Draws chart images for the in-process jobs (tests pass one they control). */
  charts?: ChartRenderer;
  /** How long a stop on a signal may take before the process exits anyway (SHUTDOWN_GRACE_MS by default). */
  shutdownGraceMs?: number;
}

/** `cqms bot`: the desk (store migrated) with every configured platform on it. */
export async function startBot(env: Environment, opts: StartBotOptions): Promise<BotHandle> {
  const metrics = opts.ops ? (opts.ops.metrics ?? new Metrics()) : undefined;
  const platforms = opts.platforms ?? (await chatPlatforms(env, opts.log, metrics));
  if (platforms.length === 0) {
    throw new EnvironmentError(NO_PLATFORM);
  }
  // Up before the desk (migrations may take a while): /healthz answers, /readyz says starting.
  const ops = opts.ops && metrics ? await startOps(env, metrics, { ...opts.ops, hosts: platforms }) : null;
  const runtime = await buildDesk(env, {
    migrate: true,
    notifiers: platforms.map((p) => p.notifier),
    onRelayError: relayWarner(opts.log),
    ...(opts.charts ? { charts: opts.charts } : {}),
  }).catch(async (e: unknown) => {
    await ops?.close();
    throw e;
  });
  await ops?.attach(runtime);
  const started: ChatPlatform[] = [];
  const stopAll = async () => {
    ops?.drain();
    for (const p of [...started].reverse())
      await p.stop().catch((e: unknown) => opts.log.error(`stopping ${p.name} failed`, e));
    await runtime.close();
    await ops?.close();
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
  const { stop, stopped } = gracefulStop({
    log: opts.log,
    run: stopAll,
    signals: opts.signals ?? false,
    graceMs: opts.shutdownGraceMs ?? SHUTDOWN_GRACE_MS,
    onSignal: 'taking no new requests, finishing those in flight, then stopping',
  });
  return { runtime, platforms: started, stop, stopped, ops };
}

/** Warns when the outbox relay cannot reach the job queue, at most once a minute rather than on every retry. */
export function relayWarner(log: BotLog, quietMs = 60_000): (error: unknown) => void {
  let last = -Infinity;
  return (e) => {
    if (Date.now() - last < quietMs) return;
    last = Date.now();
    log.warn(
      `outbox relay: the job queue is away, notifications wait in the outbox (${e instanceof Error ? e.message : String(e)})`,
    );
  };
}
