/** Work in progress, tracked so a graceful stop can wait for it; once closed, no more is started. */
export class TrackedWork {
  private readonly running = new Set<Promise<unknown>>();
  private closedFlag = false;

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Tracked until settled, so close() waits for it. */
  keep<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    const done = () => void this.running.delete(p);
    p.then(done, done);
    return p;
  }

  /** Runs `work` now, tracked; never rejects (failures go to `onError`); nothing runs once closed. */
  run(work: () => Promise<void>, onError: (e: unknown) => void): Promise<void> {
    if (this.closedFlag) return Promise.resolve();
    return this.keep(work().catch(onError));
  }

  /** Takes no more work and resolves when what runs has finished. */
  async close(): Promise<void> {
    this.closedFlag = true;
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
