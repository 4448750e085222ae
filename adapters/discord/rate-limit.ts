import { DiscordAPIError, RateLimitError, type RESTOptions } from 'discord.js';

export interface RateLimitPolicy {
  /** A wait longer than this is not waited out inside a request: the job queue waits instead. */
  maxWaitMs: number;
  /** 429s of one route within `windowMs` that the REST client waits out before rejecting. */
  maxHits: number;
  windowMs: number;
}

const DEFAULT_POLICY: RateLimitPolicy = { maxWaitMs: 10_000, maxHits: 3, windowMs: 60_000 };

/**
 * @discordjs/rest waits out every 429 and tries again, for ever. This filter (its `rejectOnRateLimit`) lets
 * it do so a few times per route, then makes it throw a RateLimitError, so a persistent limit reaches the
 * job queue (RetryLater) instead of holding a worker slot; a long Retry-After is rejected at once.
 */
export function rejectPersistentRateLimits(
  p: RateLimitPolicy = DEFAULT_POLICY,
): NonNullable<RESTOptions['rejectOnRateLimit']> {
  const hits = new Map<string, number[]>();
  return (data) => {
    const key = `${data.method}:${data.route}:${data.majorParameter}`;
    const now = Date.now();
    const recent = (hits.get(key) ?? []).filter((t) => now - t < p.windowMs);
    recent.push(now);
    const reject = data.retryAfter > p.maxWaitMs || recent.length >= p.maxHits;
    if (reject) hits.delete(key);
    else hits.set(key, recent);
    if (hits.size > 1000) hits.delete(hits.keys().next().value as string);
    return reject;
  };
}

/** How long Discord asked us to wait, when `e` is a rate limit the REST client rejected. */
export function discordRetryAfterMs(e: unknown): number | undefined {
  if (e instanceof RateLimitError) return Math.max(e.retryAfter, e.timeToReset, 0);
  if (e instanceof DiscordAPIError && e.status === 429) {
    const after = (e.rawError as { retry_after?: unknown }).retry_after;
    return typeof after === 'number' ? Math.ceil(after * 1000) : 1000;
  }
  return undefined;
}
