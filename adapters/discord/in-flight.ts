/**
 * How many interactions may be answered at once before new ones are refused: each holds its payload, its
 * discord.js objects and a database call in line for the pool, so an unbounded number grows memory without end
 * when users send faster than the desk answers.
 */
export const DEFAULT_MAX_IN_FLIGHT = 200;

export interface InFlightOptions {
  maxInFlight?: number;
  /** Told when refusing starts and when it ends (once a burst, not once an interaction). */
  warn?: (line: string) => void;
}

/** Work started for interactions, bounded, and tracked so a graceful stop can wait for it to finish. */
export class InFlight {
  private readonly running = new Set<Promise<void>>();
  private admitted = 0;
  /** Refused since there was last room. */
  private refused = 0;
  private closed = false;

  constructor(private readonly o: InFlightOptions = {}) {}

  /** Runs `work` now if there is room; null, and nothing ran, when there is not. Never rejects. */
  admit(work: () => Promise<void>, onError: (e: unknown) => void): Promise<void> | null {
    const max = this.o.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    if (!this.closed && this.admitted >= max) {
      if (this.refused++ === 0) this.o.warn?.(`the desk is overloaded (${this.admitted} interactions being answered): new ones are answered "busy" and not run`);
      return null;
    }
    // Over once half the room is free again, so a desk hovering at its bound does not log twice an interaction.
    if (this.refused > 0 && this.admitted < max / 2) {
      this.o.warn?.(`the desk takes interactions again; ${this.refused} were refused as busy`);
      this.refused = 0;
    }
    this.admitted++;
    return this.track(async () => {
      try {
        await work();
      } finally {
        this.admitted--;
      }
    }, onError);
  }

  /** Runs `work` now, unbounded (a short answer to a refused interaction); never rejects. Refused once closed. */
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
