import { DelayedError, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import { RetryLater, type Job, type JobHandler } from '../../core/ports/job-queue';
import { DEFAULT_QUEUE_NAME, redisConnection, type BullmqSettings } from './bullmq-queue';
import { DEFAULT_MAX_RETRY_LATER, retryLaterExhausted } from './retry-later-cap';

export interface BullmqWorkerOptions {
  concurrency?: number;
  onFailed?: (job: Job, error: unknown, final: boolean) => void;
  onError?: (error: unknown) => void;
}

/**
 * Runs the same JobHandler as the in-process queue, on BullMQ. A RetryLater with retryAfterMs (a
 * platform's 429) moves the job to delayed for that long without spending an attempt, up to
 * `maxRetryLater` times, then fails it for good; any other error retries with the queue's exponential backoff.
 */
export class BullmqWorker {
  readonly worker: Worker;

  constructor(settings: BullmqSettings, handler: JobHandler, opts: BullmqWorkerOptions = {}) {
    this.worker = new Worker(
      settings.queueName ?? DEFAULT_QUEUE_NAME,
      async (job: BullJob, token?: string) => {
        try {
          await handler(job.data as Job, job.id === undefined ? {} : { jobId: job.id });
        } catch (e) {
          if (e instanceof RetryLater && e.retryAfterMs !== undefined) {
            // Every start but the failed attempts was a RetryLater wait (this one included).
            const waits = job.attemptsStarted - job.attemptsMade - 1;
            if (waits >= (settings.maxRetryLater ?? DEFAULT_MAX_RETRY_LATER)) throw new UnrecoverableError(retryLaterExhausted(e, waits).message);
            await job.moveToDelayed(Date.now() + e.retryAfterMs, token);
            throw new DelayedError();
          }
          throw e;
        }
      },
      {
        connection: redisConnection(settings.redisUrl, { maxRetriesPerRequest: null }),
        ...(settings.prefix ? { prefix: settings.prefix } : {}),
        concurrency: opts.concurrency ?? 4,
      },
    );
    this.worker.on('failed', (job, error) => {
      if (!job) return;
      opts.onFailed?.(job.data as Job, error, error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1));
    });
    this.worker.on('error', (e) => opts.onError?.(e));
  }

  /** Stops taking jobs and waits for the active ones to finish (their results are recorded). */
  close(): Promise<void> {
    return this.worker.close();
  }
}
