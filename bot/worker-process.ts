import { BullmqQueue, DEFAULT_QUEUE_NAME } from '../adapters/queue/bullmq-queue';
import { BullmqWorker } from '../adapters/queue/bullmq-worker';
import { retryUntilDone } from '../adapters/queue/retry-until-done';
import { ScheduleKeeper } from '../adapters/queue/schedule-keeper';
import { CompositeNotifier } from '../adapters/notify/composite-notifier';
import { Metrics } from '../adapters/observability/metrics';
import type { ChartRenderer } from '../core/ports/chart-renderer';
import { DIGEST_PERIODS, DIGEST_SCHEDULER_ID } from '../core/digests/digest-period';
import { notificationJobHandler } from '../core/notifications/notification-job';
import { markingOutboxDone } from '../core/notifications/outbox-done';
import { SLA_SWEEP_EVERY_MS, SLA_SWEEP_JOB, SLA_SWEEP_SCHEDULER_ID } from '../core/sla/sweep-job';
import { chatPlatforms, relayWarner, type BotLog } from './bot-process';
import type { ChatPlatform } from './chat-platform';
import { gracefulStop, SHUTDOWN_GRACE_MS } from './graceful-stop';
import {
  buildDesk,
  bullmqSettings,
  chartRendererFor,
  digestSchedules,
  type DeskRuntime,
  type DigestSchedule,
} from './desk-wiring';
import { EnvironmentError, type Environment } from './environment';
import { WORKER_NEEDS_REDIS } from './environment-rules';
import { observedJobs, startOps, type ProcessOps } from './ops-wiring';

export interface WorkerHandle {
  runtime: DeskRuntime;
  /** Takes no more jobs, lets the active ones finish, stops the relay, closes the store. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves once stopped (by stop() or by SIGINT/SIGTERM). */
  stopped: Promise<void>;
  /** The health and metrics endpoints, when served (`ops`). */
  ops: ProcessOps | null;
  /** Resolves true once the SLA sweep is scheduled and jobs are taken (false if the worker stopped first). */
  sweepScheduled: Promise<boolean>;
}

export interface StartWorkerOptions {
  log: BotLog;
  /** Platforms built by the caller (tests); by default those the environment configures. */
  platforms?: ChatPlatform[];
  signals?: boolean;
  concurrency?: number;
  /** How often the SLA sweep job is scheduled (every minute by default). */
  slaSweepEveryMs?: number;
  /** Serve /healthz, /readyz and /metrics on a server of the worker's own (WORKER_PORT). */
  ops?: { port: number; host?: string; metrics?: Metrics };
  /** How long a stop waits for the active jobs (SHUTDOWN_GRACE_MS less what closing the rest takes, by default). */
  shutdownGraceMs?: number;
  /**
   * Wait for, and between, attempts to schedule the sweep while Redis is away (by default 10 s for an attempt,
   * then from 1 s doubling to 30 s between them).
   */
  scheduleRetryMs?: number;
  /** Draws chart and digest images (by default the one QUICKCHART_URL chooses). */
  charts?: ChartRenderer;
}

/**
 * One cron scheduler per digest, with fixed ids so every worker keeps the same; one turned off is removed.
 * Resolves with the ids it had to create (missing, or set otherwise).
 */
export async function scheduleDigests(scheduler: BullmqQueue, on: readonly DigestSchedule[]): Promise<string[]> {
  const created: string[] = [];
  for (const period of DIGEST_PERIODS) {
    const d = on.find((s) => s.period === period);
    if (!d) await scheduler.unschedule(DIGEST_SCHEDULER_ID[period]);
    else if (await scheduler.scheduleCron(DIGEST_SCHEDULER_ID[period], d.pattern, d.tz, { name: 'digest', period }))
      created.push(DIGEST_SCHEDULER_ID[period]);
  }
  return created;
}

/**
 * `cqms worker`: runs the jobs on BullMQ (notifications through the same platforms as `cqms bot`, whose
 * notifiers it uses without taking chat requests), relays the outbox and keeps the SLA sweep (every minute)
 * and the digests scheduled.
 * Any number may run at once: they share one scheduler, and a level is recorded (and alerted) once.
 */
export async function startWorker(env: Environment, opts: StartWorkerOptions): Promise<WorkerHandle> {
  if (!env.REDIS_URL) throw new EnvironmentError(WORKER_NEEDS_REDIS);
  const { log } = opts;
  const platforms = opts.platforms ?? (await chatPlatforms(env, log));
  if (platforms.length === 0) log.warn('no chat platform is configured: notifications are relayed and dropped');
  const ops = opts.ops ? await startOps(env, opts.ops.metrics ?? new Metrics(), opts.ops) : null;
  const runtime = await buildDesk(env, { migrate: true, relay: true, onRelayError: relayWarner(log) }).catch(
    async (e: unknown) => {
      await ops?.close();
      throw e;
    },
  );
  await ops?.attach(runtime);
  for (const p of platforms) p.notifyOnly(runtime);
  const notifier = new CompositeNotifier(
    platforms.map((p) => p.notifier),
    { delivered: () => runtime.deps.store.idempotency },
  );
  const charts = opts.charts ?? chartRendererFor(env);
  const handler = markingOutboxDone(
    () => runtime.deps,
    notificationJobHandler(() => runtime.deps, notifier, charts),
    (e) => log.warn(`an outbox row was not marked done: ${String(e)}`),
  );
  // One scheduler for every worker (a fixed id): a sweep job a minute, whoever runs it.
  const scheduler = new BullmqQueue(bullmqSettings(env));
  const digests = digestSchedules(env);
  const sweepEveryMs = opts.slaSweepEveryMs ?? SLA_SWEEP_EVERY_MS;
  const scheduleAll = async () => {
    const sweep = (await scheduler.scheduleEvery(SLA_SWEEP_SCHEDULER_ID, sweepEveryMs, SLA_SWEEP_JOB))
      ? [SLA_SWEEP_SCHEDULER_ID]
      : [];
    return [...sweep, ...(await scheduleDigests(scheduler, digests))];
  };
  // Once scheduled, kept: a Redis that comes back without them (no persistence, a failover) gets them again
  // when the worker reconnects, and within one sweep interval whatever happened.
  const keeper = new ScheduleKeeper(scheduler, {
    everyMs: sweepEveryMs,
    ensure: scheduleAll,
    onRestored: (ids) => log.warn(`job schedulers missing from Redis were created again: ${ids.join(', ')}`),
    onError: (e) =>
      log.warn(
        `the job schedulers could not be checked (Redis away?); trying again on reconnection and every ${sweepEveryMs} ms: ${e instanceof Error ? e.message : String(e)}`,
      ),
  });
  // Redis may be down as the worker starts: keep trying, so the sweep runs once it is back (no restart needed).
  const scheduling = retryUntilDone(scheduleAll, {
    ...(opts.scheduleRetryMs
      ? { firstDelayMs: opts.scheduleRetryMs, maxDelayMs: opts.scheduleRetryMs, attemptTimeoutMs: opts.scheduleRetryMs }
      : {}),
    onError: (e, attempt) =>
      log.warn(
        `the SLA sweep could not be scheduled (attempt ${attempt}; the digests wait with it), trying again: ${e instanceof Error ? e.message : String(e)}`,
      ),
  });
  // The job worker starts once Redis has answered: a BullMQ worker that never connected cannot be closed.
  let worker: BullmqWorker | null = null;
  const workerStarted = scheduling.done.then((scheduled) => {
    if (!scheduled) return;
    keeper.start();
    worker = new BullmqWorker(bullmqSettings(env), handler, {
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      onFailed: (job, e, final) =>
        final
          ? log.error(`job ${job.name} failed for good (see cqms jobs failed)`, e)
          : log.warn(`job ${job.name} failed, will retry: ${e instanceof Error ? e.message : String(e)}`),
      onError: (e) => log.warn(`worker: ${e instanceof Error ? e.message : String(e)}`),
      around: observedJobs(ops?.metrics, DEFAULT_QUEUE_NAME),
    });
  });
  const graceMs = opts.shutdownGraceMs ?? SHUTDOWN_GRACE_MS;
  const { stop, stopped } = gracefulStop({
    log,
    signals: opts.signals ?? false,
    graceMs,
    onSignal: 'finishing active jobs, then stopping',
    run: async () => {
      ops?.drain();
      scheduling.stop();
      await workerStarted;
      await keeper.stop();
      // Jobs get most of the grace; closing the scheduler, the relay and the store needs the rest.
      const finished = await ((worker as BullmqWorker | null)?.close(graceMs - 5_000) ?? Promise.resolve(true));
      if (!finished)
        log.warn(
          'jobs still running at the end of the grace period are left to another worker: they return to the queue when their lock expires',
        );
      await scheduler.close();
      await runtime.close();
      for (const p of platforms) await p.release?.();
      await ops?.close();
    },
  });
  return { runtime, stop, stopped, sweepScheduled: scheduling.done, ops };
}
