import {
  isFinalFailure,
  RetryLater,
  type EnqueueOptions,
  type Job,
  type JobHandler,
  type JobMeta,
  type JobQueue,
} from '../../core/ports/job-queue';
import { DEFAULT_MAX_RETRY_LATER, retryLaterExhausted } from './retry-later-cap';

export interface InProcessQueueOptions {
  attempts?: number;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
  /** RetryLater waits allowed a job before it fails (DEFAULT_MAX_RETRY_LATER). */
  maxRetryLater?: number;
  /** Job ids remembered for de-duplication. */
  rememberIds?: number;
  onFailed?: (job: Job, error: unknown) => void;
}

interface Queued {
  job: Job;
  meta: JobMeta;
}

export interface FailedJob {
  job: Job;
  error: unknown;
  attempts: number;
}

/**
 * The job queue without Redis (the embedded demo): same jobs, same retries with backoff, run in this
 * process after the caller's acknowledgement, never inside it.
 */
export class InProcessQueue implements JobQueue {
  readonly failed: FailedJob[] = [];
  private readonly seen = new Set<string>();
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;
  /** Retries waiting for their time (a backoff, a platform's Retry-After), dropped by close(). */
  private readonly retries = new Map<NodeJS.Timeout, Queued>();

  constructor(
    private readonly handler: JobHandler,
    private readonly opts: InProcessQueueOptions = {},
  ) {}

  async enqueue(job: Job, o: EnqueueOptions = {}): Promise<void> {
    if (this.closed) throw new Error('the job queue is shut down');
    if (o.jobId) {
      if (this.seen.has(o.jobId)) return;
      this.seen.add(o.jobId);
      if (this.seen.size > (this.opts.rememberIds ?? 10_000))
        this.seen.delete(this.seen.values().next().value as string);
    }
    this.schedule(
      { job, meta: { ...(o.jobId ? { jobId: o.jobId } : {}), dueAt: new Date(Date.now() + (o.delayMs ?? 0)) } },
      1,
      0,
      o.delayMs ?? 0,
    );
  }

  private schedule(run: Queued, attempt: number, waits: number, delayMs: number): void {
    this.active++;
    const retry = attempt > 1 || waits > 0;
    const t = setTimeout(() => {
      this.retries.delete(t);
      void this.run(run, attempt, waits);
    }, delayMs);
    if (retry) this.retries.set(t, run);
  }

  private async run(queued: Queued, attempt: number, waits: number): Promise<void> {
    const { job } = queued;
    try {
      await this.handler(job, queued.meta);
    } catch (e) {
      const error = e;
      // A platform's Retry-After: wait as long as asked, without spending an attempt, up to the cap.
      if (error instanceof RetryLater && error.retryAfterMs !== undefined && !this.closed) {
        if (waits < (this.opts.maxRetryLater ?? DEFAULT_MAX_RETRY_LATER)) {
          this.schedule(queued, attempt, waits + 1, error.retryAfterMs);
          return;
        }
        this.fail(job, retryLaterExhausted(error, waits), attempt);
        return;
      }
      const attempts = this.opts.attempts ?? 5;
      if (attempt < attempts && !this.closed && !isFinalFailure(error))
        this.schedule(queued, attempt + 1, waits, (this.opts.backoffMs ?? 200) * 2 ** (attempt - 1));
      else this.fail(job, error, attempt);
    } finally {
      this.active--;
      if (this.active === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private fail(job: Job, error: unknown, attempts: number): void {
    this.failed.push({ job, error, attempts });
    this.opts.onFailed?.(job, error);
  }

  /** Resolves when no job is running or waiting. */
  drain(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }

  /**
   * Stops taking jobs and lets the running and queued ones finish; retries waiting for their time are dropped
   * into `failed` rather than held for (a Retry-After may be longer than any shutdown grace). A dropped
   * notification is not lost: its outbox row, relayed but not done, is handed back as the desk closes and runs
   * at the next start (QueueHolderWatch).
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const [t, queued] of this.retries) {
      clearTimeout(t);
      this.fail(queued.job, new Error('the desk stopped before this retry was due'), 0);
      this.active--;
    }
    this.retries.clear();
    if (this.active === 0) for (const w of this.idleWaiters.splice(0)) w();
    await this.drain();
  }
}
