import { within } from '../../core/async/within';
import { DelayedError, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import { isFinalFailure, RetryLater, type Job, type JobHandler } from '../../core/ports/job-queue';
import { DEFAULT_QUEUE_NAME, redisConnection, type BullmqSettings } from './bullmq-queue';
import { DEFAULT_MAX_RETRY_LATER, retryLaterExhausted } from './retry-later-cap';

export interface BullmqWorkerOptions {
  concurrency?: number;
  onFailed?: (job: Job, error: unknown, final: boolean) => void;
  onError?: (error: unknown) => void;
  /** Wraps each run of a job (its log context, its duration); `run` rejects as the job fails. */
  around?: (job: { id: string; name: string }, run: () => Promise<void>) => Promise<void>;
}

/**
 * Runs the same JobHandler as the in-process queue, on BullMQ. A RetryLater with retryAfterMs (a
 * platform's 429) moves the job to delayed for that long without spending an attempt, up to
 * `maxRetryLater` times, then fails it for good; a final failure (isFinalFailure) fails at once; any other
 * error retries with the queue's exponential backoff.
 */
export class BullmqWorker {
  readonly worker: Worker;
  /** The handlers running now, so a bounded close can wait for them. */
  private readonly running = new Set<Promise<void>>();

  constructor(settings: BullmqSettings, handler: JobHandler, opts: BullmqWorkerOptions = {}) {
    this.worker = new Worker(
      settings.queueName ?? DEFAULT_QUEUE_NAME,
      async (job: BullJob, token?: string) => {
        const run = async () => {
          const running = handler(job.data as Job, {
            ...(job.id === undefined ? {} : { jobId: job.id }),
            dueAt: new Date(job.timestamp + (job.opts.delay ?? 0)),
          });
          this.running.add(running);
          try {
            await running;
          } catch (e) {
            if (e instanceof RetryLater && e.retryAfterMs !== undefined) {
              // Every start but the failed attempts was a RetryLater wait (this one included).
              const waits = job.attemptsStarted - job.attemptsMade - 1;
              if (waits >= (settings.maxRetryLater ?? DEFAULT_MAX_RETRY_LATER))
                throw new UnrecoverableError(retryLaterExhausted(e, waits).message);
              await job.moveToDelayed(Date.now() + e.retryAfterMs, token);
              throw new DelayedError();
            }
            // BullMQ retries anything but an UnrecoverableError: one that core calls final fails the job for good.
            if (isFinalFailure(e)) throw new UnrecoverableError(e instanceof Error ? e.message : String(e));
            throw e;
          } finally {
            this.running.delete(running);
          }
        };
        await (opts.around ? opts.around({ id: String(job.id), name: job.name }, run) : run());
      },
      {
        connection: redisConnection(settings.redisUrl, { maxRetriesPerRequest: null }),
        ...(settings.prefix ? { prefix: settings.prefix } : {}),
        concurrency: opts.concurrency ?? 4,
      },
    );
    this.worker.on('failed', (job, error) => {
      if (!job) return;
      opts.onFailed?.(
        job.data as Job,
        error,
        error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1),
      );
    });
    this.worker.on('error', (e) => opts.onError?.(e));
  }

  /**
   * Stops taking jobs and waits for the active ones to finish (their results are recorded). Past `graceMs` it
   * stops waiting and resolves false: the jobs still running keep their lock until it expires, then BullMQ's
   * stalled-job check returns them to the queue for another worker.
   */
  async close(graceMs?: number): Promise<boolean> {
    if (graceMs === undefined) {
      await this.worker.close();
      return true;
    }
    // BullMQ's close() cannot be made forced once called: take no new job, wait for the handlers ourselves.
    await this.worker.pause(true);
    const handlers = Promise.allSettled([...this.running]).then(() => true);
    const finished = await within(handlers, Math.max(graceMs, 0), () => false);
    // Finished: close() records their results; past the grace: close without waiting.
    await this.worker.close(!finished);
    return finished;
  }
}
