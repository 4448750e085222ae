import { BullmqQueue } from '../adapters/queue/bullmq-queue';
import { BullmqWorker } from '../adapters/queue/bullmq-worker';
import { retryUntilDone } from '../adapters/queue/retry-until-done';
import { CompositeNotifier } from '../adapters/notify/composite-notifier';
import { notificationJobHandler } from '../core/notifications/notification-job';
import { markingOutboxDone } from '../core/notifications/outbox-done';
import { SLA_SWEEP_EVERY_MS, SLA_SWEEP_JOB, SLA_SWEEP_SCHEDULER_ID } from '../core/sla/sweep-job';
import { chatPlatforms, relayWarner, type BotLog, type ChatPlatform } from './bot-process';
import { buildDesk, type DeskRuntime } from './desk-wiring';
import { EnvironmentError, type Environment } from './environment';

export interface WorkerHandle {
  runtime: DeskRuntime;
  /** Takes no more jobs, lets the active ones finish, stops the relay, closes the store. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves once stopped (by stop() or by SIGINT/SIGTERM). */
  stopped: Promise<void>;
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
  /**
   * Wait for, and between, attempts to schedule the sweep while Redis is away (by default 10 s for an attempt,
   * then from 1 s doubling to 30 s between them).
   */
  scheduleRetryMs?: number;
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
  const notifier = new CompositeNotifier(platforms.map((p) => p.notifier), { delivered: () => runtime.deps.store.idempotency });
  const handler = markingOutboxDone(() => runtime.deps, notificationJobHandler(() => runtime.deps, notifier), (e) => log.warn(`an outbox row was not marked done: ${String(e)}`));
  const redisUrl = env.REDIS_URL;
  // One scheduler for every worker (a fixed id): a sweep job a minute, whoever runs it.
  const scheduler = new BullmqQueue({ redisUrl: env.REDIS_URL });
  // Redis may be down as the worker starts: keep trying, so the sweep runs once it is back (no restart needed).
  const scheduling = retryUntilDone(() => scheduler.scheduleEvery(SLA_SWEEP_SCHEDULER_ID, opts.slaSweepEveryMs ?? SLA_SWEEP_EVERY_MS, SLA_SWEEP_JOB), {
    ...(opts.scheduleRetryMs ? { firstDelayMs: opts.scheduleRetryMs, maxDelayMs: opts.scheduleRetryMs, attemptTimeoutMs: opts.scheduleRetryMs } : {}),
    onError: (e, attempt) => log.warn(`the SLA sweep could not be scheduled (attempt ${attempt}), trying again: ${e instanceof Error ? e.message : String(e)}`),
  });
  // The job worker starts once Redis has answered: a BullMQ worker that never connected cannot be closed.
  let worker: BullmqWorker | null = null;
  const workerStarted = scheduling.done.then((scheduled) => {
    if (!scheduled) return;
    worker = new BullmqWorker({ redisUrl }, handler, {
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      onFailed: (job, e, final) => (final ? log.error(`job ${job.name} failed for good (see cqms jobs failed)`, e) : log.warn(`job ${job.name} failed, will retry: ${e instanceof Error ? e.message : String(e)}`)),
      onError: (e) => log.warn(`worker: ${e instanceof Error ? e.message : String(e)}`),
    });
  });
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
      scheduling.stop();
      await workerStarted;
      await (worker as BullmqWorker | null)?.close();
      await scheduler.close();
      await runtime.close();
      done();
    })());
  if (opts.signals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { runtime, stop, stopped, sweepScheduled: scheduling.done };
}
