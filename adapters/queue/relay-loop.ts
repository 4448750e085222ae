export interface RelayLoopOptions {
  intervalMs: number;
  /** Longest wait between passes while the queue is away. */
  maxBackoffMs?: number;
  onError?: (error: unknown) => void;
}

export interface RelayLoop {
  /** Stops polling; waits for the pass in progress. */
  stop(): Promise<void>;
  /** Whether the last pass failed: the queue is away (or silent), and another pass would only wait for it. */
  readonly queueAway: boolean;
}

/** Polls the outbox relay; after a failure (the queue is away) waits longer each time, up to a cap. */
export function startRelayLoop(relay: { flush(): Promise<void> }, o: RelayLoopOptions): RelayLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let wait = o.intervalMs;
  let away = false;
  const tick = () => {
    current = relay.flush().then(
      () => {
        wait = o.intervalMs;
        away = false;
      },
      (e: unknown) => {
        away = true;
        wait = Math.min(wait * 2, o.maxBackoffMs ?? 5_000);
        o.onError?.(e);
      },
    );
    void current.then(() => {
      if (!stopped) timer = setTimeout(tick, wait);
    });
  };
  timer = setTimeout(tick, o.intervalMs);
  return {
    get queueAway() {
      return away;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
