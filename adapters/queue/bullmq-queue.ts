import { within } from '../../core/async/within';
import { Job as BullJob, Queue, type ConnectionOptions } from 'bullmq';
import type { EnqueueOptions, Job, JobQueue } from '../../core/ports/job-queue';

export interface BullmqSettings {
  /** redis://[user:password@]host:port[/db]; every queue and worker opens its own connections from it. */
  redisUrl: string;
  queueName?: string;
  /** Key prefix (tests use one per run). */
  prefix?: string;
  attempts?: number;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
  /** RetryLater waits allowed a job before it fails (the worker's; DEFAULT_MAX_RETRY_LATER). */
  maxRetryLater?: number;
}

export const DEFAULT_QUEUE_NAME = 'cqms-jobs';

/**
 * How long a Redis connection may take to open (ioredis waits 10 s by default). A network that drops packets
 * rather than refusing them would otherwise hold each reconnection attempt that long.
 */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/**
 * How long a Redis command may go unanswered before it fails. A silent network (a partition, a dropped
 * firewall rule) closes nothing, so without it the outbox relay's enqueue, the readiness PING and a queue-depth
 * scrape waited for ever, and a stop waited behind them. Redis answers these in milliseconds, even under load.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 5_000;

/** How long close() waits for Redis to answer QUIT before dropping the connection. */
const QUIT_WAIT_MS = 1_000;

/**
 * Connection options, never a shared ioredis instance: BullMQ opens and closes its own clients. Commands are
 * bounded by REDIS_COMMAND_TIMEOUT_MS, except on a worker's connection (`maxRetriesPerRequest: null`, which
 * BullMQ requires for it), whose blocking pops wait for the next job by design.
 */
export function redisConnection(url: string, extra: Record<string, unknown> = {}): ConnectionOptions {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new Error(`REDIS_URL must start with redis:// or rediss://, not ${u.protocol}`);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    ...(extra.maxRetriesPerRequest === null ? {} : { commandTimeout: REDIS_COMMAND_TIMEOUT_MS }),
    ...extra,
  };
}

/** BullMQ refuses ':' in custom ids (its key separator): `outbox:42` is stored as `outbox-42`. */
export const bullmqJobId = (id: string) => id.replace(/:/g, '-');

export interface FailedJobInfo {
  id: string;
  name: string;
  data: Job;
  attemptsMade: number;
  failedReason: string;
  finishedOn: Date | null;
}

/**
 * The job queue on BullMQ. Retries use exponential backoff; completed jobs are kept a day (so a jobId
 * relayed twice within that time stays one job); failed jobs are kept until retried or cleaned, so
 * they stay visible to `cqms jobs failed`. Commands fail fast while Redis is away (no offline queue):
 * the outbox relay keeps the rows and tries again.
 */
export class BullmqQueue implements JobQueue {
  readonly queue: Queue;

  constructor(readonly settings: BullmqSettings) {
    this.queue = new Queue(settings.queueName ?? DEFAULT_QUEUE_NAME, {
      connection: redisConnection(settings.redisUrl, { enableOfflineQueue: false }),
      ...(settings.prefix ? { prefix: settings.prefix } : {}),
      defaultJobOptions: {
        attempts: settings.attempts ?? 5,
        backoff: { type: 'exponential', delay: settings.backoffMs ?? 1000 },
        removeOnComplete: { age: 24 * 3600, count: 100_000 },
        removeOnFail: false,
      },
    });
    // Connection errors surface on the calls that need Redis; without a listener they would be thrown.
    this.queue.on('error', () => undefined);
  }

  async enqueue(job: Job, opts: EnqueueOptions = {}): Promise<void> {
    await this.queue.add(job.name, job, {
      ...(opts.jobId ? { jobId: bullmqJobId(opts.jobId) } : {}),
      ...(opts.delayMs ? { delay: opts.delayMs } : {}),
    });
  }

  /**
   * Runs `job` every `everyMs` from one scheduler per id. Upserts only a scheduler that is missing, set
   * otherwise, or stuck without its next job (a Redis emptied or failed over): true when it did. So any number
   * of workers may call it at any time: BullMQ's upsert of a scheduler whose due job is waiting to run replaces
   * that job (a cron one by the next tick: a digest dropped), and this never calls it on a healthy one.
   */
  async scheduleEvery(schedulerId: string, everyMs: number, job: Job): Promise<boolean> {
    if (await this.isScheduled(schedulerId, { every: everyMs })) return false;
    await this.queue.upsertJobScheduler(schedulerId, { every: everyMs }, { name: job.name, data: job });
    return true;
  }

  /** Runs `job` when the cron pattern fires in the time zone, from one scheduler per id (as scheduleEvery). */
  async scheduleCron(schedulerId: string, pattern: string, tz: string, job: Job): Promise<boolean> {
    if (await this.isScheduled(schedulerId, { pattern, tz })) return false;
    await this.queue.upsertJobScheduler(schedulerId, { pattern, tz }, { name: job.name, data: job });
    return true;
  }

  /** Calls `listener` each time this queue's Redis connection is ready: at start and after every reconnection. */
  onReady(listener: () => void): () => void {
    const backend = this.queue.getBackend();
    backend.on('ready', listener);
    return () => void backend.off('ready', listener);
  }

  /**
   * Whether the scheduler exists as wanted with its next job in the queue. The worker that takes a scheduled job
   * adds the next one before running it, so a next job already finished (or gone) means the chain broke.
   */
  private async isScheduled(
    schedulerId: string,
    want: { every: number } | { pattern: string; tz: string },
  ): Promise<boolean> {
    const s = await this.queue.getJobScheduler(schedulerId);
    if (!s || s.next == null) return false;
    if ('every' in want ? s.every !== want.every : s.pattern !== want.pattern || s.tz !== want.tz) return false;
    const state = await this.queue.getJobState(`repeat:${schedulerId}:${s.next}`);
    return !['unknown', 'completed', 'failed'].includes(state);
  }

  /** Removes a scheduler (a schedule turned off); nothing happens when there is none. */
  async unschedule(schedulerId: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId);
  }

  async failed(limit = 50): Promise<FailedJobInfo[]> {
    const jobs = (await this.queue.getFailed(0, limit - 1)) as BullJob[];
    return jobs.map((j) => ({
      id: String(j.id),
      name: j.name,
      data: j.data as Job,
      attemptsMade: j.attemptsMade,
      failedReason: j.failedReason,
      finishedOn: j.finishedOn ? new Date(j.finishedOn) : null,
    }));
  }

  /** Puts a failed job back in the queue with fresh attempts; false when no failed job has this id. */
  async retry(id: string): Promise<boolean> {
    const job = await BullJob.fromId(this.queue, id);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed');
    return true;
  }

  /**
   * Closes the connection politely (QUIT), or drops it when Redis has not answered the QUIT within a second
   * (a silent network would hold it for REDIS_COMMAND_TIMEOUT_MS, then fail it): a stop never waits on a goodbye.
   */
  async close(): Promise<void> {
    const closed = this.queue.close().then(
      () => 'closed' as const,
      () => 'failed' as const,
    );
    if ((await within(closed, QUIT_WAIT_MS, () => 'late' as const)) !== 'closed') await this.queue.disconnect();
  }
}
