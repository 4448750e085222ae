import type { BullmqQueue } from './bullmq-queue';

export interface ScheduleKeeperOptions {
  /** How often the schedulers are checked besides each reconnection (the SLA sweep's interval). */
  everyMs: number;
  /** Makes sure every scheduler exists; resolves with the ids it had to create again. */
  ensure(): Promise<string[]>;
  /** Schedulers found missing (a Redis that came back empty, a failover) and created again. */
  onRestored(ids: string[]): void;
  /** A check that failed (Redis away): called once per run of failures, the next success ends the run. */
  onError(error: unknown): void;
}

/**
 * Keeps the job schedulers in Redis for as long as the worker runs: when its connection to Redis is ready again
 * (a restart, a failover) and every `everyMs`, so a Redis that lost them (no persistence, a flush, a replica
 * promoted before it had them) is scheduling again within one interval, without restarting the workers.
 * Checks never overlap; one asked for while another runs follows it.
 */
export class ScheduleKeeper {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: () => void = () => undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private failing = false;

  constructor(
    private readonly queue: BullmqQueue,
    private readonly plan: ScheduleKeeperOptions,
  ) {}

  start(): void {
    this.unsubscribe = this.queue.onReady(() => void this.check());
    this.timer = setInterval(() => void this.check(), this.plan.everyMs);
  }

  /** Runs a check now (or right after the one running); resolves when it is done. */
  check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          const restored = await this.plan.ensure();
          this.failing = false;
          if (restored.length) this.plan.onRestored(restored);
        } catch (e) {
          if (!this.failing) this.plan.onError(e);
          this.failing = true;
        }
      } while (this.again && this.timer);
    })().finally(() => (this.running = null));
    return this.running;
  }

  /** Stops checking; resolves once a check under way is done. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe();
    await this.running;
  }
}
