import { RetryLater, type Job } from '../../core/ports/job-queue';
import { InProcessQueue } from './in-process-queue';

const job = (queryId: number): Job => ({ name: 'notify', intent: { kind: 'channelCard', queryId } });

describe('in-process job queue', () => {
  it('runs jobs after enqueue returns, de-duplicated by job id', async () => {
    const ran: number[] = [];
    const q = new InProcessQueue(async (j) => void (j.name === 'notify' && ran.push(j.intent.queryId)));
    await q.enqueue(job(1), { jobId: 'a' });
    await q.enqueue(job(1), { jobId: 'a' });
    await q.enqueue(job(2));
    expect(ran).toEqual([]); // never inside the caller's acknowledgement
    await q.drain();
    expect(ran).toEqual([1, 2]);
  });

  it('retries with backoff, then keeps the failure visible', async () => {
    let calls = 0;
    const times: number[] = [];
    const q = new InProcessQueue(
      async () => {
        calls++;
        times.push(Date.now());
        throw new Error('429');
      },
      { attempts: 3, backoffMs: 20 },
    );
    await q.enqueue(job(3));
    await q.drain();
    expect(calls).toBe(3);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(35);
    expect(q.failed).toHaveLength(1);
    expect(q.failed[0]).toMatchObject({ attempts: 3 });
  });

  it('succeeds on a later attempt', async () => {
    let calls = 0;
    const q = new InProcessQueue(
      async () => {
        if (++calls < 2) throw new Error('flaky');
      },
      { backoffMs: 5 },
    );
    await q.enqueue(job(4));
    await q.drain();
    expect(q.failed).toHaveLength(0);
    expect(calls).toBe(2);
  });

  it('on close, finishes what runs and what is queued, and drops retries waiting for their time instead of holding the stop', async () => {
    const ran: string[] = [];
    const q = new InProcessQueue(
      async (j) => {
        const id = String((j as { intent: { queryId: number } }).intent.queryId);
        ran.push(id);
        if (id === '6') throw new RetryLater('rate limited', 60_000);
        if (id === '7') throw new Error('flaky');
        await new Promise((r) => setTimeout(r, 20));
      },
      { backoffMs: 60_000 },
    );
    await q.enqueue(job(6));
    await q.enqueue(job(7));
    await q.enqueue(job(8));
    await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await q.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(ran).toEqual(['6', '7', '8']);
    expect(q.failed.map((f) => (f.error as Error).message)).toEqual([
      'the desk stopped before this retry was due',
      'the desk stopped before this retry was due',
    ]);
  });

  it('refuses work after close', async () => {
    const q = new InProcessQueue(async () => undefined);
    await q.close();
    await expect(q.enqueue(job(5))).rejects.toThrow(/shut down/);
  });
});
