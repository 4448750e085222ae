import type { webApi } from '@slack/bolt';

/**
 * How long one Web API call may take, and how it retries. The library's defaults are no timeout and about ten
 * retries over 30 minutes: a silent or failing Slack would then hold one of the 8 answering slots (or a worker's
 * job) for half an hour. Bounded, an answer gives up within about a minute, and a worker's job fails and is
 * retried by the queue with its own backoff (a 429 past these retries becomes RetryLater with Slack's wait).
 */
export const SLACK_CLIENT_POLICY = {
  timeout: 10_000,
  retryConfig: { retries: 3, factor: 2, minTimeout: 1_000, maxTimeout: 5_000, randomize: true },
} satisfies Pick<webApi.WebClientOptions, 'timeout' | 'retryConfig'>;
