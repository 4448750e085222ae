/** Digests the leads get: each covers the day or the week that ends when it runs. */
export const DIGEST_PERIODS = ['daily', 'weekly'] as const;
export type DigestPeriod = (typeof DIGEST_PERIODS)[number];

const DAY_MS = 86_400_000;
const SPAN_MS: Record<DigestPeriod, number> = { daily: DAY_MS, weekly: 7 * DAY_MS };

/** The job schedulers' fixed ids, so every worker upserts the same two schedules. */
export const DIGEST_SCHEDULER_ID: Record<DigestPeriod, string> = {
  daily: 'cqms-digest-daily',
  weekly: 'cqms-digest-weekly',
};

export interface DigestRange {
  from: Date;
  to: Date;
  /** The period and its end minute: two processes firing the same schedule a few milliseconds apart agree on it. */
  key: string;
}

/** The period ending at `now`. */
export function digestRange(period: DigestPeriod, now: Date): DigestRange {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return { from: new Date(now.getTime() - SPAN_MS[period]), to: now, key: `digest:${period}:${minute.toISOString()}` };
}
