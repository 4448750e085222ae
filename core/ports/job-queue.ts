import type { ChartSpec } from '../charts/chart-spec';
import { CqmsError } from '../errors/errors';
import { ChartRenderFailed } from './chart-renderer';
import type { DigestPeriod } from '../digests/digest-period';
import type { NotificationIntent } from '../notifications/notification-intent';
import type { ChatPlace } from './notifier';

/** Background work; the BullMQ worker and the in-process queue run the same jobs. */
export type Job =
  | { name: 'notify'; intent: NotificationIntent }
  /** One SLA sweep at the time the job runs (scheduled every minute; sweeps racing record each level once). */
  | { name: 'slaSweep' }
  /** Charts of an answer already given: drawn and posted where the command was issued. */
  | { name: 'chart'; specs: ChartSpec[]; target: ChatPlace }
  /** The leads' digest of the period ending when the job was due (scheduled by cron; see JobMeta.dueAt). */
  | { name: 'digest'; period: DigestPeriod };

export interface EnqueueOptions {
  /** De-duplicates: a job with an id already queued or done is not added again. */
  jobId?: string;
  delayMs?: number;
}

export interface JobQueue {
  enqueue(job: Job, opts?: EnqueueOptions): Promise<void>;
}

/** What the queue knows of a job besides its data. */
export interface JobMeta {
  /** The job id it was enqueued with (BullMQ stores ':' as '-'). */
  jobId?: string;
  /**
   * When the job was first due: a schedule's fire time, or when it was enqueued plus its delay. The same on
   * every retry, so work named by time (a digest's period) names the same thing each run.
   */
  dueAt?: Date;
}

/** Runs one job; throwing makes the queue retry with backoff. */
export type JobHandler = (job: Job, meta?: JobMeta) => Promise<void>;

/**
 * Thrown by a handler when the work should run again later without counting as a failure of the
 * job's logic: a platform answered 429 with Retry-After, or a dependency is briefly away. Queues wait
 * `retryAfterMs` when given, else their usual backoff.
 */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

/**
 * Thrown by a handler when running the job again cannot help: the platform refused what was sent (an invalid
 * payload, a channel that does not exist). Queues fail such a job at once instead of retrying it.
 */
export class WillNotSucceed extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WillNotSucceed';
  }
}

/** Whether a job's failure is final: core's own errors say so (`retryable`), and so do WillNotSucceed and a refused chart. */
export function isFinalFailure(e: unknown): boolean {
  if (e instanceof WillNotSucceed) return true;
  if (e instanceof CqmsError || e instanceof ChartRenderFailed) return !e.retryable;
  return false;
}
