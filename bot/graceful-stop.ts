import { constants } from 'node:os';

/** The part of a process log a stop needs (BotLog satisfies it). */
interface StopLog {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** How long a graceful stop may take: under the 30 s an orchestrator (Kubernetes, Docker) waits before SIGKILL. */
export const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Once a stop signal has arrived: when the graceful stop has not finished within `ms`, logs it and exits 1,
 * so a stuck connection never keeps a stopping process alive. Unreferenced: it never holds the process up;
 * cancelled once `stopped` settles (the process may live on: tests, a host embedding the bot).
 */
export function exitIfStuck(log: StopLog, ms: number, stopped: Promise<unknown>): void {
  const timer = setTimeout(() => {
    log.error(`the graceful stop did not finish within ${ms} ms; exiting anyway`);
    process.exit(1);
  }, ms).unref();
  const cancel = () => clearTimeout(timer);
  void stopped.then(cancel, cancel);
}

export interface GracefulStop {
  /** Runs the stop once, however often called. */
  stop(): Promise<void>;
  /** Resolves once stopped (by stop() or by SIGINT/SIGTERM). */
  stopped: Promise<void>;
}

export interface GracefulStopOptions {
  log: StopLog;
  /** What the stop does (stop taking work, finish it, close connections). */
  run: () => Promise<void>;
  /** Stop on SIGINT and SIGTERM, bounded by `graceMs`; `onSignal` says what happens next. */
  signals?: boolean;
  graceMs: number;
  onSignal: string;
}

/**
 * The stop shared by `cqms bot` and `cqms worker`: once, on demand or on a signal, bounded after a signal.
 * A second signal while stopping is someone who will not wait (Ctrl-C twice, an impatient supervisor): the
 * process says so and exits at once with the signal's conventional code (130 for SIGINT, 143 for SIGTERM).
 */
export function gracefulStop(o: GracefulStopOptions): GracefulStop {
  let done: () => void = () => undefined;
  const stopped = new Promise<void>((r) => (done = r));
  let stopping: Promise<void> | undefined;
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      o.log.error(`${signal} again while stopping: exiting now, without waiting for the work in flight`);
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
    signalled = true;
    o.log.info(`${signal}: ${o.onSignal} (within ${o.graceMs} ms; a second signal exits at once)`);
    exitIfStuck(o.log, o.graceMs, stop());
  };
  const stop = () =>
    (stopping ??= (async () => {
      // The handlers stay while stopping, so a second signal finds one.
      try {
        await o.run();
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      done();
    })());
  if (o.signals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  return { stop, stopped };
}
