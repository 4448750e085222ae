import { CompositeNotifier } from '../../adapters/notify/composite-notifier';
import { DIGEST_LEASE_MS, postDigest } from '../../core/digests/digest-job';
import { digestRange } from '../../core/digests/digest-period';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import { RetryLater } from '../../core/ports/job-queue';
import { FlakyPlatform } from '../support/flaky-platform';
import { TINY_PNG } from '../support/png';
import { testDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS } from '../support/test-stores';

const tinyCharts: ChartRenderer = { render: async () => ({ png: TINY_PNG, width: 1, height: 1 }) };
const MIN = 60_000;

describe.each(STORE_KINDS)('a digest whose run died after claiming it, on %s', (kind) => {
  it.each([
    ['before posting anywhere', [] as string[]],
    ['after posting on Slack', ['slack']],
  ])(
    '%s: waits while the lease runs, then is posted once on every platform, then never again',
    async (_, postedBefore) => {
      const ts = await openTestStore(kind);
      try {
        const deps = testDesk(ts.store);
        const slack = new FlakyPlatform('slack');
        const discord = new FlakyPlatform('discord');
        const notifier = new CompositeNotifier([slack, discord], { delivered: () => ts.store.idempotency });
        const dueAt = deps.clock.now();
        const run = () => postDigest(deps, notifier, tinyCharts, 'daily', dueAt);
        // The dead run: claimed the digest (and maybe posted on some platforms), then was killed.
        const { key } = digestRange('daily', dueAt);
        expect(await ts.store.idempotency.claim(key, dueAt)).toBe(true);
        for (const p of postedBefore) expect(await ts.store.idempotency.claim(`${key}:${p}`, dueAt)).toBe(true);

        // The stalled job's retry a minute later: the claim may still be alive, so it asks to run again later.
        deps.clock.advance(MIN);
        const wait = await run().catch((e: unknown) => e);
        expect(wait).toBeInstanceOf(RetryLater);
        expect((wait as RetryLater).retryAfterMs).toBeGreaterThan(0);
        expect((wait as RetryLater).retryAfterMs).toBeLessThanOrEqual(DIGEST_LEASE_MS);
        deps.clock.advance(DIGEST_LEASE_MS - 2 * MIN); // a minute before the lease runs out
        await expect(run()).rejects.toBeInstanceOf(RetryLater);
        expect([...slack.posted, ...discord.posted]).toEqual([]);

        // Past the lease the claim is taken over: posted where it had not been.
        deps.clock.advance(2 * MIN);
        expect(await run()).toBe(true);
        expect(slack.posted).toHaveLength(postedBefore.includes('slack') ? 0 : 1);
        expect(discord.posted).toHaveLength(1);

        // Done: later runs (another retry, a second scheduler, long after any lease) post nothing.
        deps.clock.advance(3 * DIGEST_LEASE_MS);
        expect(await run()).toBe(false);
        expect(slack.posted.length + discord.posted.length).toBe(postedBefore.includes('slack') ? 1 : 2);
      } finally {
        await ts.dispose();
      }
    },
  );
});
