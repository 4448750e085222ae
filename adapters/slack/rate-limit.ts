import { webApi } from '@slack/bolt';

/** What WebClient throws once its own retries of a 429 are spent: "... retry-after: <seconds>)". */
const EXHAUSTED = /A rate limit was exceeded \(url: .*, retry-after: (\d+)\)/;

/**
 * How long Slack asked us to wait, when `e` is a rate limit that WebClient gave up on: a WebAPIRateLimitedError
 * (with rejectRateLimitedCalls), or the request error wrapping its last "rate limit was exceeded" retry.
 */
export function slackRetryAfterMs(e: unknown): number | undefined {
  const { ErrorCode } = webApi;
  const err = e as { code?: unknown; retryAfter?: unknown; original?: { message?: unknown } } | null;
  if (err?.code === ErrorCode.RateLimitedError && typeof err.retryAfter === 'number') return err.retryAfter * 1000;
  if (err?.code !== ErrorCode.RequestError || typeof err.original?.message !== 'string') return undefined;
  const m = EXHAUSTED.exec(err.original.message);
  return m ? Number(m[1]) * 1000 : undefined;
}
