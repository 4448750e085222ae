import { CompositeNotifier } from '../../adapters/notify/composite-notifier';
import { notificationJobHandler } from '../../core/notifications/notification-job';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import type { Job, JobMeta } from '../../core/ports/job-queue';
import { FlakyPlatform } from '../support/flaky-platform';
import { TINY_PNG } from '../support/png';
import { QUEUE_KINDS, queueUnderTest } from '../support/queues-under-test';
import { testDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS } from '../support/test-stores';

/** Draws nothing: every chart is the same tiny PNG, so the test needs no canvas. */
const tinyCharts: ChartRenderer = { render: async () => ({ png: TINY_PNG, width: 1, height: 1 }) };

const combos = STORE_KINDS.flatMap((store) => QUEUE_KINDS.map((queue) => [store, queue] as const));

describe('a digest across platforms', () => {
  it.each(combos)(
    'on %s through the %s queue is posted once on each platform when one fails once and the job retries, and not again by a later run',
    async (storeKind, queueKind) => {
      // A store per run: the runs may fall in the same minute, and a digest is keyed by its period's minute.
      const ts = await openTestStore(storeKind);
      const deps = testDesk(ts.store);
      const slack = new FlakyPlatform('slack');
      // Discord fails once, and the retry runs three minutes later by the desk's clock.
      const discord = new FlakyPlatform('discord', 1, () => deps.clock.advance(3 * 60_000));
      const workerOn = () =>
        notificationJobHandler(
          () => deps,
          new CompositeNotifier([slack, discord], { delivered: () => ts.store.idempotency }),
          tinyCharts,
        );
      const handler = workerOn();
      const runs: JobMeta[] = [];
      const q = queueUnderTest(queueKind, (job, meta) => (runs.push(meta ?? {}), handler(job, meta)), {
        attempts: 3,
        backoffMs: 20,
      });
      const daily: Job = { name: 'digest', period: 'daily' };
      try {
        await q.queue.enqueue(daily);
        await q.settle();
        expect(await q.failedCount()).toBe(0);
        expect(discord.calls).toBe(2); // failed, then posted on the retry
        expect(slack.posted).toHaveLength(1); // not again on the retry
        expect(slack.posted[0]).toMatch(/^leads: Daily digest: .* UTC \(4 images\)$/);
        // The retry posted the same period, though the clock had moved on.
        expect(discord.posted).toEqual(slack.posted);

        // Another worker running it for the same due time (a second desk's timer) posts nothing anywhere.
        expect(runs).toHaveLength(2);
        await workerOn()(daily, { dueAt: runs[0]!.dueAt! });
        expect(slack.posted).toHaveLength(1);
        expect(discord.posted).toHaveLength(1);

        // The weekly digest is a delivery of its own.
        await q.queue.enqueue({ name: 'digest', period: 'weekly' });
        await q.settle();
        expect(slack.posted).toHaveLength(2);
        expect(discord.posted).toEqual(slack.posted);
      } finally {
        await q.close();
        await ts.dispose();
      }
    },
    30_000,
  );
});
