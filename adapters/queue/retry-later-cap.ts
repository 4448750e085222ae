import type { RetryLater } from '../../core/ports/job-queue';

/**
 * RetryLater waits a job may take before it fails for good. A platform that keeps answering 429 (or a
 * dependency that never returns) must not keep a job alive for ever: once over the cap it lands with the
 * failed jobs (`cqms jobs failed`, `cqms jobs retry`). 20 waits of a typical Retry-After is minutes to an hour.
 */
export const DEFAULT_MAX_RETRY_LATER = 20;

/** The failure recorded for a job that asked to be retried later once too often. */
export function retryLaterExhausted(e: RetryLater, waits: number): Error {
  const error = new Error(`gave up after ${waits} waits for RetryLater: ${e.message}`);
  error.name = 'RetryLaterExhausted';
  return error;
}
