import { within } from '../core/async/within';
import { argon2Hasher } from '../adapters/crypto/argon2-hasher';
import { CanvasImageCleaner } from '../adapters/images/canvas-image-cleaner';
import { openStore } from '../adapters/storage/sequelize-store';
import { DEFAULT_DESK_CONFIG, type DeskConfig } from '../core/config/desk-config';
import type { DeskDeps } from '../core/desk/desk-deps';
import { systemClock } from '../core/ports/clock';
import type { Environment } from './environment';
import { InProcessQueue } from '../adapters/queue/in-process-queue';
import type { BullmqQueue, BullmqSettings } from '../adapters/queue/bullmq-queue';
import { startRelayLoop, type RelayLoop } from '../adapters/queue/relay-loop';
import { CompositeNotifier } from '../adapters/notify/composite-notifier';
import type { PlatformNotifier } from '../adapters/notify/platform-notifier';
import { notificationJobHandler } from '../core/notifications/notification-job';
import { OutboxRelay } from '../core/notifications/outbox-relay';
import { QueueHolderWatch } from '../core/notifications/queue-holder-watch';
import { describeProcess, processState } from '../adapters/queue/process-identity';
import { randomUUID } from 'node:crypto';
import { markingOutboxDone } from '../core/notifications/outbox-done';
import { SLA_SWEEP_EVERY_MS, SLA_SWEEP_JOB } from '../core/sla/sweep-job';
import type { EnqueueOptions, Job, JobQueue } from '../core/ports/job-queue';
import { chartRenderer } from '../adapters/charts/choose-renderer';
import { OneAtATimeRenderer } from '../adapters/charts/one-at-a-time-renderer';
import { startCronTimer } from '../adapters/queue/cron-timer';
import type { ChartRenderer } from '../core/ports/chart-renderer';
import { DIGEST_PERIODS, type DigestPeriod } from '../core/digests/digest-period';

export function deskConfig(env: Environment): DeskConfig {
  const config: DeskConfig = { ...DEFAULT_DESK_CONFIG, publicReplyPrefix: env.CQMS_PUBLIC_REPLY_PREFIX };
  if (env.CQMS_CATEGORIES?.length) config.categories = env.CQMS_CATEGORIES;
  if (env.CQMS_SLA_FILE) config.sla = env.CQMS_SLA_FILE.policy;
  return config;
}

export interface DeskRuntime {
  deps: DeskDeps;
  /** BullMQ with REDIS_URL (a `cqms worker` runs the jobs), else in-process. */
  queue: JobQueue;
  /** Moves the outbox to the queue; null in processes that deliver nothing (plain CLI commands). */
  relay: OutboxRelay | null;
  /** Relays what is pending and waits for in-process jobs (tests; the shell before its next prompt). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface BuildDeskOptions {
  migrate?: boolean;
  notifiers?: PlatformNotifier[];
  /** Run the outbox relay (default: when notifiers are given). */
  relay?: boolean;
  /** Where relay failures (the queue away) are reported. */
  onRelayError?: (error: unknown) => void;
  /** How often the in-process desk sweeps the SLA clocks (every minute by default). */
  slaSweepEveryMs?: number;
  /** Draws the in-process chart and digest jobs' images (by default the one QUICKCHART_URL chooses). */
  charts?: ChartRenderer;
}

export interface DigestSchedule {
  period: DigestPeriod;
  pattern: string;
  tz: string;
}

/** The digests the environment turns on (a pattern of 'off' turns one off). */
export function digestSchedules(env: Environment): DigestSchedule[] {
  const patterns: Record<DigestPeriod, string> = {
    daily: env.CQMS_DIGEST_DAILY_CRON,
    weekly: env.CQMS_DIGEST_WEEKLY_CRON,
  };
  return DIGEST_PERIODS.filter((period) => patterns[period] !== 'off').map((period) => ({
    period,
    pattern: patterns[period],
    tz: env.CQMS_DIGEST_TZ,
  }));
}

/** How long a closing desk gives the outbox's last relay: pending rows take milliseconds when the queue answers. */
const CLOSE_FLUSH_MS = 2_000;

/** In-process: poll often so the demo stays snappy (commits also nudge); BullMQ: the worker polls too. */
const RELAY_POLL_MS = { inProcess: 300, bullmq: 1000 };

/**
 * The composition root shared by every entry point: store, clock, hasher, config, the job queue, and
 * the outbox relay feeding it. Without REDIS_URL the in-process queue delivers through the platforms
 * given (none for the plain CLI); with it, jobs go to BullMQ for `cqms worker`.
 */
export async function buildDesk(env: Environment, opts: BuildDeskOptions = {}): Promise<DeskRuntime> {
  const store = await openStore(env.DATABASE_URL, { migrate: opts.migrate ?? false });
  let deps: DeskDeps | undefined;
  const inProcess = env.REDIS_URL ? null : inProcessQueue(env, opts, () => deps as DeskDeps);
  const queue: JobQueue & { close(): Promise<void> } = inProcess ?? new LazyBullmqQueue(bullmqSettings(env));
  const wantsRelay = opts.relay ?? (opts.notifiers?.length ?? 0) > 0;
  const onError = opts.onRelayError ?? (() => undefined);
  // Jobs in this process's memory die with it: it registers as their holder, so that its restart (or another
  // desk) runs them at once; every relay takes over the rows of holders that are gone.
  const self = inProcess ? { id: randomUUID(), process: describeProcess() } : null;
  const holders = wantsRelay
    ? new QueueHolderWatch({ store, clock: systemClock, processState, ...(self ? { self } : {}) })
    : null;
  const relay = wantsRelay
    ? new OutboxRelay({
        store,
        queue,
        clock: systemClock,
        onError,
        ...(self ? { id: self.id } : {}),
        ...(holders ? { holders } : {}),
      })
    : null;
  const loop: RelayLoop | null = relay
    ? startRelayLoop(relay, { intervalMs: inProcess ? RELAY_POLL_MS.inProcess : RELAY_POLL_MS.bullmq, onError })
    : null;
  deps = {
    store,
    clock: systemClock,
    config: deskConfig(env),
    hasher: argon2Hasher(),
    images: new CanvasImageCleaner(),
    jobs: queue,
    ...(relay ? { relay } : {}),
  };
  // In-process mode runs the SLA sweep itself, only where notifications are relayed (not for plain CLI commands).
  const sweeps =
    inProcess && relay
      ? setInterval(
          () => void inProcess.enqueue(SLA_SWEEP_JOB).catch(onError),
          opts.slaSweepEveryMs ?? SLA_SWEEP_EVERY_MS,
        )
      : null;
  sweeps?.unref();
  // Digests likewise, on timers from their cron patterns (a worker's BullMQ schedulers do this with REDIS_URL).
  const digests =
    inProcess && relay
      ? digestSchedules(env).map((d) =>
          startCronTimer(
            d.pattern,
            d.tz,
            () => void inProcess.enqueue({ name: 'digest', period: d.period }).catch(onError),
          ),
        )
      : [];
  const settle = async () => {
    await relay?.flush();
    await inProcess?.drain();
  };
  return {
    deps,
    queue,
    relay,
    settle,
    async close() {
      if (sweeps) clearInterval(sweeps);
      for (const d of digests) d.stop();
      await loop?.stop();
      // What is pending goes to the queue, unless the last pass found it away, and for CLOSE_FLUSH_MS at most (a
      // silent Redis answers nothing for seconds): what is left waits in the outbox for the next start. The
      // queue's close then finishes what runs and is queued, and drops waiting retries.
      if (relay && !loop?.queueAway) await within(relay.flush().catch(onError), CLOSE_FLUSH_MS, () => undefined);
      await queue.close();
      // Retries the queue dropped, and rows it never took, are pending again at once for the next desk.
      if (holders) await within(holders.leave().catch(onError), CLOSE_FLUSH_MS, () => undefined);
      await store.close();
    },
  };
}

/** Without REDIS_URL the desk runs its jobs itself, delivering through the platforms it was given. */
function inProcessQueue(env: Environment, opts: BuildDeskOptions, deps: () => DeskDeps): InProcessQueue {
  // In-process chart jobs share the loop that acknowledges chat requests: one chart at a time.
  const charts = opts.charts ?? new OneAtATimeRenderer(chartRendererFor(env));
  const notifier = new CompositeNotifier(opts.notifiers ?? [], { delivered: () => deps().store.idempotency });
  return new InProcessQueue(markingOutboxDone(deps, notificationJobHandler(deps, notifier, charts), opts.onRelayError));
}

/** The chart renderer the environment chooses: QuickChart at QUICKCHART_URL, else local. */
export function chartRendererFor(env: Environment): ChartRenderer {
  return chartRenderer(env.QUICKCHART_URL ? { quickchartUrl: env.QUICKCHART_URL } : {});
}

/** Where BullMQ lives: REDIS_URL, and the key prefix when one is set. */
export function bullmqSettings(env: Environment): BullmqSettings {
  if (!env.REDIS_URL) throw new Error('BullMQ needs REDIS_URL');
  return { redisUrl: env.REDIS_URL, ...(env.CQMS_QUEUE_PREFIX ? { prefix: env.CQMS_QUEUE_PREFIX } : {}) };
}

/** Connects to Redis on the first job, so commands that queue nothing (most of the CLI) never open it. */
class LazyBullmqQueue implements JobQueue {
  private queue: Promise<BullmqQueue> | undefined;
  constructor(private readonly settings: BullmqSettings) {}
  async enqueue(job: Job, opts?: EnqueueOptions): Promise<void> {
    // bullmq itself loads here too, so it weighs nothing on commands that never queue.
    this.queue ??= import('../adapters/queue/bullmq-queue.js').then(
      ({ BullmqQueue }) => new BullmqQueue(this.settings),
    );
    return (await this.queue).enqueue(job, opts);
  }
  async close(): Promise<void> {
    await (await this.queue)?.close();
  }
}
