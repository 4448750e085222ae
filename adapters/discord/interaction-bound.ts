import { RefusalBursts } from '../concurrency/refusal-bursts';
import { TrackedWork } from '../concurrency/tracked-work';

/**
 * How many interactions may be answered at once before new ones are refused: each holds its payload, its
 * discord.js objects and a database call in line for the pool, so an unbounded number grows memory without end
 * when users send faster than the desk answers.
 */
export const DEFAULT_MAX_IN_FLIGHT = 200;

export interface InteractionBoundOptions {
  maxInFlight?: number;
  /** Told when refusing starts and when it ends (once a burst, not once an interaction). */
  warn?: (line: string) => void;
}

/** Work started for interactions, bounded, and tracked so a graceful stop can wait for it to finish. */
export class InteractionBound {
  private readonly tracked = new TrackedWork();
  private readonly refusals: RefusalBursts;
  private readonly max: number;
  private admitted = 0;

  constructor(o: InteractionBoundOptions = {}) {
    this.max = o.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    this.refusals = new RefusalBursts({ noun: 'interactions', warn: o.warn });
  }

  /** Runs `work` now if there is room; null, and nothing ran, when there is not. Never rejects. */
  admit(work: () => Promise<void>, onError: (e: unknown) => void): Promise<void> | null {
    if (!this.tracked.closed && this.admitted >= this.max) {
      this.refusals.refuse(`${this.admitted} interactions being answered`);
      return null;
    }
    this.refusals.taken(this.admitted, this.max);
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
    return this.tracked.run(work, onError);
  }

  /** Takes no more work and resolves when what runs has finished. */
  close(): Promise<void> {
    return this.tracked.close();
  }
}
