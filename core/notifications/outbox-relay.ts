import { within } from '../async/within';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock';
import type { JobQueue } from '../ports/job-queue';
import type { Store } from '../ports/store';

export interface OutboxRelayOptions {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  /** Rows taken per pass. */
  batch?: number;
  /** How long a taken row stays this relay's before another relay may take it again. */
  leaseMs?: number;
  /** An enqueue slower than this counts as the queue being away. */
  enqueueTimeoutMs?: number;
  onError?: (error: unknown) => void;
  /** Sent rows are kept this long (for inspection), then deleted by the relay. */
  keepSentMs?: number;
  /**
   * A row sent this long ago whose job has not run (not marked done) is relayed again: Redis lost the job.
   * While the job still exists, the same job id makes the copy a no-op.
   */
  redeliverAfterMs?: number;
  /** Relays of one row at most (its first included), so a job that failed for good is left to `cqms jobs`. */
  maxRelays?: number;
  /** Prefix of this relay's lease owners: the queue holder's id when the queue lives in this process's memory. */
  id?: string;
  /** Run before each flush: takes over the rows of queue holders that are gone (QueueHolderWatch). */
  holders?: { pass(): Promise<unknown> };
}

/** The job id of an outbox row's job. */
export const outboxJobId = (id: number) => `outbox:${id}`;

/** The outbox row behind a job id, in the queue's spelling (BullMQ's `outbox-42` too); null for other jobs. */
export function outboxIdOf(jobId: string | undefined): number | null {
  const m = /^outbox[:-](\d+)$/.exec(jobId ?? '');
  return m ? Number(m[1]) : null;
}

/** The relay's answer to `nudge`: something that wants to know a change just committed. */
export interface RelayNudge {
  nudge(): void;
}

/**
 * Moves outbox rows to the job queue. Each row becomes the job `outbox:<id>`, so a row relayed twice
 * (a relay that died between enqueue and markSent, two relays racing past a lease) is one job. When the
 * queue is away the rows are given back and wait; nothing is lost and no command fails. A row stays
 * relayed-not-done until its job has run (`markingOutboxDone`); one not done after `redeliverAfterMs` is
 * relayed again, so a job lost by Redis is still delivered.
 */
export class OutboxRelay implements RelayNudge {
  private readonly id: string;
  private seq = 0;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private lastPurge = 0;

  constructor(private readonly deps: OutboxRelayOptions) {
    this.id = deps.id ?? randomUUID().slice(0, 8);
  }

  /** One pass: takes a batch, enqueues it, marks it sent. Returns how many rows were relayed. */
  async relayOnce(): Promise<number> {
    const owner = `${this.id}:${++this.seq}`;
    const now = this.deps.clock.now();
    const redeliver = {
      sentBefore: new Date(now.getTime() - (this.deps.redeliverAfterMs ?? 10 * MINUTE)),
      maxRelays: this.deps.maxRelays ?? 10,
    };
    const rows = await this.deps.store.outbox.claimBatch(
      owner,
      this.deps.batch ?? 100,
      now,
      this.deps.leaseMs ?? 30_000,
      redeliver,
    );
    const sent: number[] = [];
    try {
      for (const row of rows) {
        const ms = this.deps.enqueueTimeoutMs ?? 5_000;
        await within(this.deps.queue.enqueue(row.job, { jobId: outboxJobId(row.id) }), ms, () => {
          throw new Error(`the job queue did not answer within ${ms} ms`);
        });
        sent.push(row.id);
      }
    } catch (e) {
      const left = rows.map((r) => r.id).filter((id) => !sent.includes(id));
      await this.deps.store.outbox.release(left, owner).catch(() => undefined);
      throw e;
    } finally {
      await this.deps.store.outbox.markSent(sent, owner, this.deps.clock.now());
    }
    return rows.length;
  }

  /** Relays until the outbox is empty; passes never overlap within one relay. Rejects when the queue is away. */
  flush(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.chain.then(async () => {
      this.queued = null;
      await this.deps.holders?.pass();
      while ((await this.relayOnce()) > 0);
      await this.purgeNowAndThen();
    });
    this.queued = next;
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Deletes sent rows past their keeping time, at most once an hour per relay. */
  private async purgeNowAndThen(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    if (now - this.lastPurge < HOUR) return;
    this.lastPurge = now;
    await this.deps.store.outbox.purgeSent(new Date(now - (this.deps.keepSentMs ?? 7 * 24 * HOUR)));
  }

  nudge(): void {
    this.flush().catch((e: unknown) => this.deps.onError?.(e));
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
