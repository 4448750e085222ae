import type { Clock } from '../ports/clock';
import type { QueueHolder } from '../ports/queue-holders';
import type { Store } from '../ports/store';

/** What the OS says of a registered process: only a process on this machine can be known running or gone. */
export type ProcessState = 'running' | 'gone' | 'unknown';

export interface QueueHolderWatchOptions {
  store: Pick<Store, 'outbox' | 'queueHolders'>;
  clock: Clock;
  /** This process, when its jobs run in its own memory: registered, and its beat refreshed on each pass. */
  self?: { id: string; process: string };
  processState(process: string): ProcessState;
  /** Time between passes: a beat, and a look at the other holders. */
  everyMs?: number;
  /** How long a holder this process cannot check (another machine) must go without a beat to count as gone. */
  silentMs?: number;
  /** Rows relayed this often are not run again (a job that crashes its process must not crash every restart). */
  maxRelays?: number;
  /** This process's monotonic clock, for the silence. */
  monotonic?: () => number;
}

/**
 * Finds queue holders (processes running outbox jobs in their own memory) that are gone and makes their rows
 * pending again, so the next relay pass runs them: at once when the holder ran on this machine (its pid no
 * longer runs, or runs another program), else once its beat has not changed for `silentMs` of this process's
 * own successful passes. Two desks sharing one database without Redis are safe: a live holder is never taken
 * over, so no job of its runs twice, unless it could not beat for `silentMs` while this process could (a
 * database cut from it alone); then a notification may go out twice, never not at all. The silence is timed
 * here, not read from the holder's clock, and a failed pass starts it over, so neither clock skew nor a
 * database outage that silenced everyone makes a live holder look gone.
 */
export class QueueHolderWatch {
  private lastPass = -Infinity;
  private readonly watched = new Map<string, { seenAt: number; since: number }>();

  constructor(private readonly deps: QueueHolderWatchOptions) {}

  /** Beats and takes over gone holders' rows, at most once per `everyMs`. Returns how many rows it made pending. */
  async pass(): Promise<number> {
    const t = this.now();
    if (t - this.lastPass < (this.deps.everyMs ?? 5_000)) return 0;
    this.lastPass = t;
    try {
      const { store, self } = this.deps;
      if (self) await store.queueHolders.beat(self.id, self.process, this.deps.clock.now());
      const holders = (await store.queueHolders.list()).filter((h) => h.id !== self?.id);
      for (const id of this.watched.keys()) if (!holders.some((h) => h.id === id)) this.watched.delete(id);
      let requeued = 0;
      for (const h of holders.filter((h) => this.gone(h, t))) {
        requeued += await store.outbox.requeueHeldBy(h.id, this.deps.maxRelays ?? 10);
        await store.queueHolders.remove(h.id);
        this.watched.delete(h.id);
      }
      return requeued;
    } catch (e) {
      this.watched.clear();
      this.lastPass = -Infinity;
      throw e;
    }
  }

  /** A holder stopping on purpose, once its queue has closed: what it still held is pending again at once. */
  async leave(): Promise<void> {
    const { store, self } = this.deps;
    if (!self) return;
    await store.outbox.requeueHeldBy(self.id, this.deps.maxRelays ?? 10);
    await store.queueHolders.remove(self.id);
  }

  private gone(h: QueueHolder, t: number): boolean {
    const state = this.deps.processState(h.process);
    if (state !== 'unknown') return state === 'gone';
    const w = this.watched.get(h.id);
    if (!w || w.seenAt !== h.seenAt.getTime()) {
      this.watched.set(h.id, { seenAt: h.seenAt.getTime(), since: t });
      return false;
    }
    return t - w.since >= (this.deps.silentMs ?? 30_000);
  }

  private now(): number {
    return (this.deps.monotonic ?? (() => performance.now()))();
  }
}
