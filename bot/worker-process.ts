import { BullmqQueue } from '../adapters/queue/bullmq-queue';
import { BullmqWorker } from '../adapters/queue/bullmq-worker';
import { CompositeNotifier } from '../adapters/notify/composite-notifier';
import { notificationJobHandler } from '../core/notifications/notification-job';
import { SLA_SWEEP_EVERY_MS, SLA_SWEEP_JOB, SLA_SWEEP_SCHEDULER_ID } from '../core/sla/sweep-job';
import { chatPlatforms, relayWarner, type BotLog, type ChatPlatform } from './bot-process';
import { buildDesk, digestSchedules, type DeskRuntime, type DigestSchedule } from './desk-wiring';
import { chartRenderer } from '../adapters/charts/choose-renderer';
import type { ChartRenderer } from '../core/ports/chart-renderer';
import { DIGEST_PERIODS, DIGEST_SCHEDULER_ID } from '../core/digests/digest-period';
import { EnvironmentError, type Environment } from './environment';

export interface WorkerHandle {
  runtime: DeskRuntime;
  worker: BullmqWorker;
  /** Takes no more jobs, lets the active ones finish, stops the relay, closes the store. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves once stopped (by stop() or by SIGINT/SIGTERM). */
  stopped: Promise<void>;
}

export interface StartWorkerOptions {
  log: BotLog;
  /** Platforms built by the caller (tests); by default those the environment configures. */
  platforms?: ChatPlatform[];
  signals?: boolean;
  concurrency?: number;
  /** How often the SLA sweep job is scheduled (every minute by default). */
  slaSweepEveryMs?: number;
  /** Draws chart and digest images (by default the one QUICKCHART_URL chooses). */
  charts?: ChartRenderer;
}

/** One cron scheduler per digest, with fixed ids so every worker upserts the same; one turned off is removed. */
export async function scheduleDigests(scheduler: BullmqQueue, on: readonly DigestSchedule[]): Promise<void> {
  for (const period of DIGEST_PERIODS) {
    const d = on.find((s) => s.period === period);
    if (d) await scheduler.scheduleCron(DIGEST_SCHEDULER_ID[period], d.pattern, d.tz, { name: 'digest', period });
    else await scheduler.unschedule(DIGEST_SCHEDULER_ID[period]);
  }
}

/**
 * `cqms worker`: runs the jobs on BullMQ (notifications through the same platforms as `cqms bot`, whose
 * notifiers it uses without taking chat requests), relays the outbox and schedules the SLA sweep every minute.
 * Any number may run at once: they share one scheduler, and a level is recorded (and alerted) once.
 */
export async function startWorker(env: Environment, opts: StartWorkerOptions): Promise<WorkerHandle> {
  if (!env.REDIS_URL) throw new EnvironmentError('cqms worker needs REDIS_URL (redis://host:port); without it `cqms bot` runs the jobs itself.');
  const { log } = opts;
  const platforms = opts.platforms ?? chatPlatforms(env, log);
  if (platforms.length === 0) log.warn('no chat platform is configured: notifications are relayed and dropped');
  const runtime = await buildDesk(env, { migrate: true, relay: true, onRelayError: relayWarner(log) });
  for (const p of platforms) p.notifyOnly(runtime);
  const notifier = new CompositeNotifier(platforms.map((p) => p.notifier));
  const charts = opts.charts ?? chartRenderer(env.QUICKCHART_URL ? { quickchartUrl: env.QUICKCHART_URL } : {});
  const worker = new BullmqWorker({ redisUrl: env.REDIS_URL }, notificationJobHandler(() => runtime.deps, notifier, charts), {
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    onFailed: (job, e, final) => (final ? log.error(`job ${job.name} failed for good (see cqms jobs failed)`, e) : log.warn(`job ${job.name} failed, will retry: ${e instanceof Error ? e.message : String(e)}`)),
    onError: (e) => log.warn(`worker: ${e instanceof Error ? e.message : String(e)}`),
  });
  // One scheduler for every worker (a fixed id): a sweep job a minute, whoever runs it.
  const scheduler = new BullmqQueue({ redisUrl: env.REDIS_URL });
  await scheduler.scheduleEvery(SLA_SWEEP_SCHEDULER_ID, opts.slaSweepEveryMs ?? SLA_SWEEP_EVERY_MS, SLA_SWEEP_JOB).catch((e) => log.warn(`the SLA sweep could not be scheduled: ${e instanceof Error ? e.message : String(e)}`));
  await scheduleDigests(scheduler, digestSchedules(env)).catch((e) => log.warn(`the digests could not be scheduled: ${e instanceof Error ? e.message : String(e)}`));
  let done: () => void = () => undefined;
  const stopped = new Promise<void>((r) => (done = r));
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    log.info(`${signal}: finishing active jobs, then stopping`);
    void stop();
  };
  const stop = () =>
    (stopping ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await worker.close();
      await scheduler.close();
      await runtime.close();
      done();
    })());
  if (opts.signals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { runtime, worker, stop, stopped };
}
