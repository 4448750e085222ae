import { CronExpressionParser } from 'cron-parser';

/** The first time after `after` that a cron pattern fires in a time zone (the same parser BullMQ's schedulers use). */
export function nextCronTime(pattern: string, tz: string, after: Date): Date {
  return CronExpressionParser.parse(pattern, { tz, currentDate: after }).next().toDate();
}

/** Whether BullMQ's parser takes the pattern in the zone; the environment is checked with it at start. */
export function isCronPattern(pattern: string, tz = 'UTC'): boolean {
  try {
    nextCronTime(pattern, tz, new Date());
    return true;
  } catch {
    return false;
  }
}

/** setTimeout takes at most 2^31-1 ms (about 24.8 days): a longer wait is taken in steps. */
const MAX_WAIT_MS = 2 ** 31 - 1;

export interface CronTimer {
  stop(): void;
}

/**
 * A cron schedule in this process, for the desk without Redis: `run` is called at each time the pattern gives
 * in the zone. Each wait is computed afresh from the clock, so a wait longer than setTimeout allows, or a
 * timer that fires a little early, simply waits again.
 */
export function startCronTimer(
  pattern: string,
  tz: string,
  run: () => void,
  now: () => Date = () => new Date(),
): CronTimer {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = (at: Date) => {
    const wait = Math.max(0, Math.min(at.getTime() - now().getTime(), MAX_WAIT_MS));
    timer = setTimeout(() => {
      if (stopped) return;
      if (now().getTime() < at.getTime()) return arm(at);
      run();
      arm(nextCronTime(pattern, tz, at));
    }, wait);
    timer.unref();
  };
  arm(nextCronTime(pattern, tz, now()));
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
