import type { Job } from './job-queue';

/** A job written in the same transaction as the change it announces, waiting to be relayed to the queue. */
export interface OutboxEntry {
  id: number;
  job: Job;
  createdAt: Date;
  /** How many times a relay has taken the row. */
  attempts: number;
}

export interface RedeliverRule {
  sentBefore: Date;
  maxRelays: number;
}

/**
 * The outbox: jobs recorded with the change that caused them, so a committed change is never without
 * its notifications and a rolled-back one never has any. Relays lease rows, so racing relays take
 * each row once; a lease that is not marked sent expires and the row is taken again.
 */
export interface OutboxRepo {
  add(jobs: readonly Job[], now: Date): Promise<void>;
  /**
   * Leases up to `limit` pending rows (oldest first) whose lease is free or expired, to `owner`; with
   * `redeliver`, then rows sent at or before `sentBefore` whose job never ran (not done), relayed fewer than
   * `maxRelays` times.
   */
  claimBatch(
    owner: string,
    limit: number,
    now: Date,
    leaseMs: number,
    redeliver?: RedeliverRule,
  ): Promise<OutboxEntry[]>;
  /** Marks rows this owner still leases as sent. */
  markSent(ids: readonly number[], owner: string, now: Date): Promise<void>;
  /** The row's job has run: it is never relayed again. */
  markDone(id: number, now: Date): Promise<void>;
  /**
   * Makes the rows leased by relays of the queue holder `holderId` (lease owners `<holderId>:...`) and not done
   * pending again, unless relayed `maxRelays` times already: its queue is gone with its process. Returns how many.
   */
  requeueHeldBy(holderId: string, maxRelays: number): Promise<number>;
  /** Gives leased rows back at once (the queue was away), so the next pass takes them. */
  release(ids: readonly number[], owner: string): Promise<void>;
  pendingCount(): Promise<number>;
  /** Deletes rows sent before `before`; returns how many. */
  purgeSent(before: Date): Promise<number>;
}
