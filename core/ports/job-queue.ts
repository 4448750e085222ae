import type { NotificationIntent } from '../notifications/notification-intent';

/** Background work; the BullMQ worker and the in-process queue run the same jobs. */
export type Job = { name: 'notify'; intent: NotificationIntent };

export interface EnqueueOptions {
  /** De-duplicates: a job with an id already queued or done is not added again. */
  jobId?: string;
  delayMs?: number;
}

export interface JobQueue {
  enqueue(job: Job, opts?: EnqueueOptions): Promise<void>;
}

/** Runs one job; throwing makes the queue retry with backoff. */
export type JobHandler = (job: Job) => Promise<void>;
