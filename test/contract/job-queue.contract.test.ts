import { NotFound, StoreUnavailable } from '../../core/errors';
import { ChartRenderFailed } from '../../core/ports/chart-renderer';
import { RetryLater, WillNotSucceed, type Job, type JobHandler } from '../../core/ports/job-queue';
import { QUEUE_KINDS, queueUnderTest, type QueueUnderTest } from '../support/queues-under-test';

const job = (queryId: number): Job => ({ name: 'notify', intent: { kind: 'channelCard', queryId } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(QUEUE_KINDS)('the job queue contract on %s', (kind) => {
  let open: QueueUnderTest[] = [];
  const make = (handler: JobHandler, attempts = 3, backoffMs = 50, maxRetryLater?: number) => {
    const q = queueUnderTest(kind, handler, {
      attempts,
      backoffMs,
      ...(maxRetryLater === undefined ? {} : { maxRetryLater }),
    });
    open.push(q);
    return q;
  };
  afterEach(async () => {
    for (const q of open) await q.close();
    open = [];
  });

  it('runs jobs, de-duplicated by job id', async () => {
    const ran: number[] = [];
    const q = make(async (j) => void (j.name === 'notify' && ran.push(j.intent.queryId)));
    await q.queue.enqueue(job(1), { jobId: 'outbox:1' });
    await q.queue.enqueue(job(1), { jobId: 'outbox:1' });
    await q.queue.enqueue(job(2));
    await q.settle();
    expect(ran.sort()).toEqual([1, 2]);
    await q.queue.enqueue(job(1), { jobId: 'outbox:1' }); // done already: still one job
    await sleep(100);
    await q.settle();
    expect(ran).toHaveLength(2);
  });

  it('retries with exponential backoff, then keeps the failure visible', async () => {
    const times: number[] = [];
    const q = make(async () => {
      times.push(Date.now());
      throw new Error('boom');
    });
    await q.queue.enqueue(job(3));
    await q.settle();
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(45);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(95); // doubled
    expect(await q.failedCount()).toBe(1);
  });

  it('succeeds on a later attempt and keeps no failure', async () => {
    let calls = 0;
    const q = make(async () => {
      if (++calls < 2) throw new Error('flaky');
    });
    await q.queue.enqueue(job(4));
    await q.settle();
    expect(calls).toBe(2);
    expect(await q.failedCount()).toBe(0);
  });

  it('fails at once, without a retry, what core marks as final; retries what may work later', async () => {
    const calls = new Map<number, number>();
    const errors: Record<number, Error> = {
      10: new NotFound('query', 10),
      11: new WillNotSucceed('Slack refused the card: invalid_blocks'),
      12: new ChartRenderFailed('the chart spec was refused', false),
      13: new StoreUnavailable(),
    };
    const q = make(async (j) => {
      const id = j.name === 'notify' ? j.intent.queryId : 0;
      calls.set(id, (calls.get(id) ?? 0) + 1);
      throw errors[id]!;
    });
    for (const id of [10, 11, 12, 13]) await q.queue.enqueue(job(id));
    await q.settle();
    expect(Object.fromEntries(calls)).toEqual({ 10: 1, 11: 1, 12: 1, 13: 3 });
    expect(await q.failedCount()).toBe(4);
    expect((await q.failedReasons()).sort()).toEqual(
      expect.arrayContaining(['No query #10 exists.', 'Slack refused the card: invalid_blocks']),
    );
  });

  it('runs a delayed job no earlier than asked', async () => {
    const ran: number[] = [];
    const q = make(async () => void ran.push(Date.now()));
    const start = Date.now();
    await q.queue.enqueue(job(5), { delayMs: 300 });
    await sleep(100);
    expect(ran).toEqual([]);
    await q.settle();
    expect(ran[0]! - start).toBeGreaterThanOrEqual(290);
  });

  it("honours RetryLater's retryAfterMs (a 429's Retry-After) without spending an attempt", async () => {
    const times: number[] = [];
    const q = make(
      async () => {
        times.push(Date.now());
        if (times.length < 3) throw new RetryLater('429 Too Many Requests', 400);
      },
      2,
      10,
    );
    await q.queue.enqueue(job(6));
    await q.settle();
    expect(times).toHaveLength(3); // two 429s and a success, with only 2 attempts allowed
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(390);
    expect(await q.failedCount()).toBe(0);
  });

  it('fails a job for good once it has asked RetryLater more often than the cap', async () => {
    let runs = 0;
    const q = make(
      async () => {
        runs++;
        throw new RetryLater('429 Too Many Requests, again', 20);
      },
      5,
      10,
      3,
    );
    await q.queue.enqueue(job(7));
    await q.settle();
    expect(runs).toBe(4); // the first run and 3 waits; the 4th RetryLater fails it
    expect(await q.failedCount()).toBe(1);
    expect(await q.failedReasons()).toEqual([
      expect.stringMatching(/gave up after 3 waits for RetryLater: 429 Too Many Requests, again/),
    ]);
  });
});
