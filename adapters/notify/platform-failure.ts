import { RetryLater } from '../../core/ports/job-queue';
import type { PlatformNotifier } from './platform-notifier';

/**
 * The error a fan-out to several platforms throws when some failed: any failure that is not a rate limit or a
 * RetryLater (the queue's backoff and attempts apply), else a RetryLater for the longest wait asked for, so
 * the queue waits that long before trying again.
 */
export function platformFailure(failures: readonly { notifier: PlatformNotifier; error: unknown }[]): unknown {
  const waits = failures.map((f) =>
    f.error instanceof RetryLater ? f.error.retryAfterMs : f.notifier.retryAfterMs?.(f.error),
  );
  const other = failures.find((_, i) => waits[i] === undefined);
  if (other) return other.error;
  const longest = Math.max(...waits.map((w) => w ?? 0));
  const who = failures.map((f) => f.notifier.platform).join(', ');
  return new RetryLater(`${who} asked to retry in ${longest} ms`, longest);
}

/** Runs `call` on every notifier; throws platformFailure of those that failed. */
export async function onEveryPlatform(
  notifiers: readonly PlatformNotifier[],
  call: (n: PlatformNotifier) => Promise<unknown>,
): Promise<void> {
  const results = await Promise.allSettled(notifiers.map(call));
  const failures = results.flatMap((r, i) =>
    r.status === 'rejected' ? [{ notifier: notifiers[i]!, error: r.reason as unknown }] : [],
  );
  if (failures.length) throw platformFailure(failures);
}
