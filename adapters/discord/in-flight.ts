/** Work started for interactions, tracked so a graceful stop can wait for it to finish. */
export class InFlight {
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  /** Runs `work` now; never rejects (failures go to `onError`). Refused once closed. */
  track(work: () => Promise<void>, onError: (e: unknown) => void): Promise<void> {
    if (this.closed) return Promise.resolve();
    const p = work().catch(onError);
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  /** Takes no more work and resolves when what runs has finished. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
