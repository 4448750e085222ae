import { OutboxRelay } from '../../core/notifications/outbox-relay';
import { ManualClock } from '../../core/ports/clock';
import type { EnqueueOptions, Job, JobQueue } from '../../core/ports/job-queue';
import { queueUnderTest } from '../support/queues-under-test';
import { T0 } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const job = (queryId: number): Job => ({ name: 'notify', intent: { kind: 'channelCard', queryId } });

/** Counts every enqueue call by job id, so a row relayed twice shows. */
class CountingQueue implements JobQueue {
  readonly calls = new Map<string, number>();
  down = false;
  async enqueue(_job: Job, o: EnqueueOptions = {}): Promise<void> {
    if (this.down) throw new Error('ECONNREFUSED');
    await new Promise((r) => setTimeout(r, Math.random() * 3));
    this.calls.set(o.jobId ?? '?', (this.calls.get(o.jobId ?? '?') ?? 0) + 1);
  }
}

describe.each(STORE_KINDS)('the outbox on %s', (kind) => {
  let ts: TestStore;
  const clock = new ManualClock(T0);
  beforeAll(async () => (ts = await openTestStore(kind)));
  afterAll(async () => ts.dispose());
  afterEach(async () => {
    // Leave nothing pending for the next test.
    await new OutboxRelay({ store: ts.store, queue: new CountingQueue(), clock }).flush();
  });

  it('keeps jobs of a rolled-back transaction out, and those of a committed one in', async () => {
    await expect(
      ts.store.transaction(async (tx) => {
        await tx.outbox.add([job(1)], clock.now());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await ts.store.outbox.pendingCount()).toBe(0);
    await ts.store.transaction((tx) => tx.outbox.add([job(1), job(2)], clock.now()));
    expect(await ts.store.outbox.pendingCount()).toBe(2);
  });

  it('relays each row once when several relays race', async () => {
    await ts.store.transaction((tx) =>
      tx.outbox.add(
        Array.from({ length: 60 }, (_, i) => job(i)),
        clock.now(),
      ),
    );
    const queue = new CountingQueue();
    const relays = Array.from({ length: 6 }, () => new OutboxRelay({ store: ts.store, queue, clock, batch: 7 }));
    await Promise.all(relays.flatMap((r) => [r.flush(), r.flush()]));
    expect(queue.calls.size).toBeGreaterThanOrEqual(60);
    expect([...queue.calls.values()].every((n) => n === 1)).toBe(true);
    expect(await ts.store.outbox.pendingCount()).toBe(0);
  });

  it('keeps rows while the queue is down and relays them when it is back', async () => {
    const queue = new CountingQueue();
    const relay = new OutboxRelay({ store: ts.store, queue, clock });
    await ts.store.transaction((tx) => tx.outbox.add([job(7), job(8)], clock.now()));
    queue.down = true;
    await expect(relay.flush()).rejects.toThrow('ECONNREFUSED');
    expect(await ts.store.outbox.pendingCount()).toBe(2);
    queue.down = false;
    await relay.flush();
    expect(await ts.store.outbox.pendingCount()).toBe(0);
    expect([...queue.calls.values()]).toEqual([1, 1]);
  });

  it('counts a row whose job ran as no longer pending, even when its enqueue seemed to fail (answered late)', async () => {
    const queue = new CountingQueue();
    const relay = new OutboxRelay({ store: ts.store, queue, clock });
    await ts.store.transaction((tx) => tx.outbox.add([job(9)], clock.now()));
    // The job reaches the queue but the answer does not reach the relay in time: the row is not marked sent.
    const enqueue = queue.enqueue.bind(queue);
    queue.enqueue = async (j, o) => {
      await enqueue(j, o);
      throw new Error('Command timed out');
    };
    await expect(relay.flush()).rejects.toThrow('timed out');
    const [jobId] = [...queue.calls.keys()];
    await ts.store.outbox.markDone(Number(jobId!.split(':')[1]), clock.now()); // the worker ran it
    expect(await ts.store.outbox.pendingCount()).toBe(0);
    // Long after the relay's lease: nobody takes it again.
    expect(
      await ts.store.outbox.claimBatch('someone', 10, new Date(clock.now().getTime() + 3_600_000), 30_000),
    ).toEqual([]);
  });

  it('deletes sent rows once they are older than the keeping time', async () => {
    // Relays that never relay a row again here: this test is about purging.
    const relay = () =>
      new OutboxRelay({ store: ts.store, queue: new CountingQueue(), clock, redeliverAfterMs: 30 * 24 * 3_600_000 });
    await ts.store.transaction((tx) => tx.outbox.add([job(10)], clock.now()));
    await relay().flush();
    expect(await ts.store.outbox.purgeSent(new Date(clock.now().getTime() - 1))).toBe(0);
    clock.advance(8 * 24 * 3_600_000);
    await ts.store.transaction((tx) => tx.outbox.add([job(11)], clock.now()));
    await relay().flush(); // purges the old ones
    expect(await ts.store.outbox.purgeSent(new Date(clock.now().getTime() + 1))).toBe(1); // only job 11 was left
  });

  it('relays a row sent but not done again after redeliverAfterMs, until it is done, at most maxRelays times', async () => {
    const queue = new CountingQueue();
    const relay = new OutboxRelay({ store: ts.store, queue, clock, redeliverAfterMs: 60_000, maxRelays: 3 });
    await ts.store.transaction((tx) => tx.outbox.add([job(20), job(21)], clock.now()));
    await relay.flush();
    const ids = [...queue.calls.keys()];
    expect(ids).toHaveLength(2);
    clock.advance(59_999);
    await relay.flush(); // too soon: the jobs may still be waiting in the queue
    expect([...queue.calls.values()]).toEqual([1, 1]);
    clock.advance(1);
    await ts.store.outbox.markDone(Number(ids[0]!.split(':')[1]), clock.now()); // job 20 ran
    await relay.flush();
    expect(Object.fromEntries(queue.calls)).toEqual({ [ids[0]!]: 1, [ids[1]!]: 2 });
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      await relay.flush();
    }
    expect(queue.calls.get(ids[1]!)).toBe(3); // maxRelays: left to `cqms jobs failed`
    await ts.store.outbox.markDone(Number(ids[1]!.split(':')[1]), clock.now());
  });

  it('takes a row again after its lease expired; the job id makes it one BullMQ job', async () => {
    await ts.store.transaction((tx) => tx.outbox.add([job(9)], clock.now()));
    // A relay that died after enqueueing, before marking the row sent.
    const [row] = await ts.store.outbox.claimBatch('dead-relay', 10, clock.now(), 1_000);
    const ran: number[] = [];
    const bull = queueUnderTest('bullmq', async (j) => void (j.name === 'notify' && ran.push(j.intent.queryId)), {
      attempts: 1,
      backoffMs: 10,
    });
    try {
      await bull.queue.enqueue(row!.job, { jobId: `outbox:${row!.id}` });
      expect(await ts.store.outbox.claimBatch('other', 10, clock.now(), 1_000)).toEqual([]); // still leased
      clock.advance(1_001);
      await new OutboxRelay({ store: ts.store, queue: bull.queue, clock }).flush(); // relayed a second time
      await bull.settle();
      expect(ran).toEqual([9]);
      expect(await ts.store.outbox.pendingCount()).toBe(0);
    } finally {
      await bull.close();
    }
  });
});
