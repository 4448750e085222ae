import { within } from '../../core/async/within';

export interface RetryUntilDoneOptions {
  /** Wait after the first failure; doubles each time. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** An attempt still running after this long counts as failed (a client waiting for a server that is down). */
  attemptTimeoutMs?: number;
  onError?: (error: unknown, attempt: number) => void;
}

export interface Retrying {
  /** Resolves true once the task succeeded, false when stopped first. */
  done: Promise<boolean>;
  /** Stops trying; `done` resolves false at once unless the task already succeeded. */
  stop(): void;
}

/**
 * Runs `task` until it succeeds, waiting longer after each failure (up to a cap): for a setup step that needs a
 * service that may not be up yet, such as scheduling the SLA sweep while Redis is down at a worker's start. The
 * task must be safe to run again while an earlier attempt that timed out is still pending.
 */
export function retryUntilDone(task: () => Promise<unknown>, o: RetryUntilDoneOptions = {}): Retrying {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let onStop: () => void = () => undefined;
  const stoppedFirst = new Promise<false>((r) => (onStop = () => r(false)));
  const delay = (ms: number) => new Promise<void>((r) => (timer = setTimeout(r, ms)));
  const attempt = () => {
    const ms = o.attemptTimeoutMs ?? 10_000;
    return within(task(), ms, () => {
      throw new Error(`no answer within ${ms} ms`);
    });
  };
  const loop = (async () => {
    let wait = o.firstDelayMs ?? 1_000;
    for (let n = 1; !stopped; n++) {
      try {
        await attempt();
        return true;
      } catch (e) {
        if (stopped) break;
        o.onError?.(e, n);
        await delay(wait);
        wait = Math.min(wait * 2, o.maxDelayMs ?? 30_000);
      }
    }
    return false;
  })();
  return {
    done: Promise.race([loop, stoppedFirst]),
    stop() {
      stopped = true;
      clearTimeout(timer);
      onStop();
    },
  };
}
