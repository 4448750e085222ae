/**
 * The work that follows acknowledgements (answers, modals, App Home refreshes): started on a later turn of the
 * event loop and at most `concurrency` at a time, so a burst of requests is acknowledged first and its work
 * never crowds out the acknowledgements of the requests still arriving; tracked, so a graceful stop can wait.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private closed = false;

  constructor(private readonly concurrency = 8) {}

  /**
   * Runs `work` when a slot is free, after pending I/O; `urgent` work (opening a modal before its trigger_id
   * expires) goes before the work already waiting. Never rejects: failures go to `onError`.
   */
  later(work: () => Promise<void>, onError: (e: unknown) => void, opts: { urgent?: boolean } = {}): Promise<void> {
    return this.track(async () => {
      await new Promise<void>((resolve) => (opts.urgent ? this.waiting.unshift(resolve) : this.waiting.push(resolve)));
      try {
        await work();
      } finally {
        this.active--;
        this.next();
      }
    }, onError);
  }

  /** Runs `work` now, tracked; never rejects. */
  track(work: () => Promise<void>, onError: (e: unknown) => void): Promise<void> {
    if (this.closed) return Promise.resolve();
    const p = work().catch(onError);
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    this.next();
    return p;
  }

  /** Takes no more work and resolves when what runs and waits has finished. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  private next(): void {
    while (this.active < this.concurrency && this.waiting.length) {
      this.active++;
      const start = this.waiting.shift()!;
      setImmediate(start);
    }
  }
}
