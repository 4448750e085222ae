import { RefusalBursts } from '../concurrency/refusal-bursts';
import { TrackedWork } from '../concurrency/tracked-work';

/** How many requests may wait for the desk before new ones are refused: at 8 running, a few seconds of work. */
export const DEFAULT_MAX_WAITING = 200;

export interface WorkLineOptions {
  /** Work run at once (8). */
  concurrency?: number;
  /**
   * Work admitted and not started yet, plus submissions running outside the slots (DEFAULT_MAX_WAITING). Past it
   * new work is refused: an unbounded line grew the bot to 724 MB when users sent faster than the desk answered.
   */
  maxWaiting?: number;
  /** Told when refusing starts and when it ends (once a burst, not once a request). */
  warn?: (line: string) => void;
}

/** Acknowledges a request; `busy`: the desk refused it, and the acknowledgement must say so. */
export type BusyAck = (busy: boolean) => Promise<void>;

/**
 * The work that follows acknowledgements (answers, modals, App Home refreshes): started on a later turn of the
 * event loop and at most `concurrency` at a time, so a burst of requests is acknowledged first and its work
 * never crowds out the acknowledgements of the requests still arriving; admitted only while the line has room;
 * tracked, so a graceful stop can wait.
 */
export class WorkLine {
  private readonly tracked = new TrackedWork();
  private readonly waiting: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private active = 0;
  /** Admitted and not started (its acknowledgement or a slot still to come), or running outside the slots. */
  private held = 0;
  private readonly refusals: RefusalBursts;

  constructor(o: WorkLineOptions = {}) {
    this.concurrency = o.concurrency ?? 8;
    this.maxWaiting = o.maxWaiting ?? DEFAULT_MAX_WAITING;
    this.refusals = new RefusalBursts({ noun: 'requests', warn: o.warn });
  }

  /**
   * The admission of work that follows an acknowledgement. With room, a place is taken, `ack(false)` goes out, then
   * the work runs in its turn (never before its acknowledgement, nor at all if that failed). Without, `ack(true)`
   * goes out and nothing runs. `urgent` work (a modal to open before its trigger_id expires) goes before the work
   * already waiting, and may take a tenth more room, since the line's length does not delay it. Resolves with
   * whether the work was admitted, once it has finished; rejects only with the acknowledgement's failure.
   */
  async admit(
    ack: BusyAck,
    work: () => Promise<void>,
    onError: (e: unknown) => void,
    opts: { urgent?: boolean } = {},
  ): Promise<boolean> {
    if (!this.take(opts.urgent)) {
      await ack(true);
      return false;
    }
    return this.tracked.keep(
      (async () => {
        try {
          await ack(false);
        } catch (e) {
          this.held--;
          throw e;
        }
        await this.inTurn(work, onError, opts.urgent ?? false);
        return true;
      })(),
    );
  }

  /**
   * Background work in its turn, taken only while the line is less than half full, so it never holds a place a
   * request needs (false: not queued). Never rejects.
   */
  later(work: () => Promise<void>, onError: (e: unknown) => void): boolean {
    if (this.held >= this.maxWaiting / 2 || !this.take(false)) return false;
    void this.tracked.keep(this.inTurn(work, onError, false));
    return true;
  }

  /** Runs `work` now, outside the slots but within the bound (null: refused, nothing ran). Never rejects. */
  now(work: () => Promise<void>, onError: (e: unknown) => void): Promise<void> | null {
    if (!this.take(false)) return null;
    return this.track(async () => {
      try {
        await work();
      } finally {
        this.held--;
      }
    }, onError);
  }

  /** Runs `work` now, tracked and unbounded (a short answer to a refused request); never rejects. */
  track(work: () => Promise<void>, onError: (e: unknown) => void): Promise<void> {
    return this.tracked.run(work, onError);
  }

  /** Takes no more work and resolves when what runs and waits has finished. */
  close(): Promise<void> {
    return this.tracked.close();
  }

  /** A place in line, or false; the start and the end of each burst of refusals are told once. */
  private take(urgent = false): boolean {
    if (this.tracked.closed) return false;
    const room = this.maxWaiting + (urgent ? Math.ceil(this.maxWaiting / 10) : 0);
    if (this.held >= room) {
      this.refusals.refuse(`${this.held} requests waiting`);
      return false;
    }
    this.refusals.taken(this.held, this.maxWaiting);
    this.held++;
    return true;
  }

  /** Runs taken work once a slot is free, after pending I/O; its place is given back when it starts. */
  private async inTurn(work: () => Promise<void>, onError: (e: unknown) => void, urgent: boolean): Promise<void> {
    await new Promise<void>((resolve) => {
      if (urgent) this.waiting.unshift(resolve);
      else this.waiting.push(resolve);
      this.next();
    });
    this.held--;
    try {
      await work();
    } catch (e) {
      onError(e);
    } finally {
      this.active--;
      this.next();
    }
  }

  private next(): void {
    while (this.active < this.concurrency && this.waiting.length) {
      this.active++;
      const start = this.waiting.shift()!;
      setImmediate(start);
    }
  }
}
