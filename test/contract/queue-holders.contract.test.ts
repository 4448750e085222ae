import { spawn } from 'node:child_process';
import { describeProcess, processState } from '../../adapters/queue/process-identity';
import { OutboxRelay } from '../../core/notifications/outbox-relay';
import { QueueHolderWatch } from '../../core/notifications/queue-holder-watch';
import { ManualClock } from '../../core/ports/clock';
import type { EnqueueOptions, Job, JobQueue } from '../../core/ports/job-queue';
import { T0 } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const job = (queryId: number): Job => ({ name: 'notify', intent: { kind: 'channelCard', queryId } });

/** An in-memory queue that keeps what it is given and never runs it, like one that died with its process. */
class HoldingQueue implements JobQueue {
  readonly ids: string[] = [];
  async enqueue(_job: Job, o: EnqueueOptions = {}): Promise<void> {
    this.ids.push(o.jobId ?? '?');
  }
}

/** A process of this machine that has exited (and been reaped), as a holder would have described it. */
async function goneProcess(): Promise<string> {
  const child = spawn('sleep', ['30']);
  const described = describeProcess(child.pid!);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return described;
}

describe('which process runs', () => {
  it('tells this process running, an exited one gone, and another machine unknown', async () => {
    expect(processState(describeProcess())).toBe('running');
    expect(processState(await goneProcess())).toBe('gone');
    const elsewhere = JSON.stringify({ ...(JSON.parse(describeProcess()) as object), machine: 'another-boot/pid:[1]' });
    expect(processState(elsewhere)).toBe('unknown');
    // A reused pid: same machine and pid, another start time.
    expect(processState(JSON.stringify({ ...(JSON.parse(describeProcess()) as object), start: '1' }))).toBe('gone');
  });
});

describe.each(STORE_KINDS)('queue holders on %s', (kind) => {
  let ts: TestStore;
  const clock = new ManualClock(T0);
  let mono = 0;
  const watch = (self: { id: string; process: string } | undefined, silentMs = 30_000) =>
    new QueueHolderWatch({
      store: ts.store,
      clock,
      processState,
      everyMs: 0,
      silentMs,
      monotonic: () => mono,
      ...(self ? { self } : {}),
    });
  /** A desk's relay into its in-process queue: the rows it takes are held by `id`. */
  const holderRelay = (id: string, queue: JobQueue) => new OutboxRelay({ store: ts.store, queue, clock, id });

  beforeAll(async () => (ts = await openTestStore(kind)));
  afterAll(async () => ts.dispose());

  it("runs the rows of a holder whose process is gone at once, and never a live holder's", async () => {
    const dead = { id: 'holder-dead', process: await goneProcess() };
    const live = { id: 'holder-live', process: describeProcess() };
    const register = (h: { id: string; process: string }) => ts.store.queueHolders.beat(h.id, h.process, clock.now());
    await register(dead);
    await register(live);
    await ts.store.transaction((tx) => tx.outbox.add([job(1)], clock.now()));
    await holderRelay(dead.id, new HoldingQueue()).flush();
    await ts.store.transaction((tx) => tx.outbox.add([job(2)], clock.now()));
    await holderRelay(live.id, new HoldingQueue()).flush();
    expect(await ts.store.outbox.pendingCount()).toBe(0);

    const restarted = new HoldingQueue();
    const self = { id: 'holder-new', process: describeProcess() };
    await new OutboxRelay({ store: ts.store, queue: restarted, clock, id: self.id, holders: watch(self) }).flush();
    expect(restarted.ids).toHaveLength(1); // job 1 again, not job 2
    const ids = (await ts.store.queueHolders.list()).map((h) => h.id).sort();
    expect(ids).toEqual(['holder-live', 'holder-new']);
    // A holder stopping on purpose gives back what it held.
    await watch(live).leave();
    await watch(self).leave();
    const after = new HoldingQueue();
    await new OutboxRelay({ store: ts.store, queue: after, clock }).flush();
    expect(after.ids).toHaveLength(2);
    expect(await ts.store.queueHolders.list()).toEqual([]);
  });

  it('takes over a holder of another machine only after its beat stayed unchanged for silentMs of its own passes', async () => {
    const remote = { id: 'holder-remote', process: JSON.stringify({ machine: 'elsewhere', pid: 1, start: null }) };
    await ts.store.queueHolders.beat(remote.id, remote.process, clock.now());
    await ts.store.transaction((tx) => tx.outbox.add([job(3)], clock.now()));
    await holderRelay(remote.id, new HoldingQueue()).flush();
    const w = watch(undefined, 10_000);
    expect(await w.pass()).toBe(0); // first seen
    mono += 9_000;
    expect(await w.pass()).toBe(0);
    clock.advance(1_000);
    await ts.store.queueHolders.beat(remote.id, remote.process, clock.now()); // it beats: the silence starts over
    mono += 2_000;
    expect(await w.pass()).toBe(0);
    mono += 9_999;
    expect(await w.pass()).toBe(0);
    mono += 1;
    expect(await w.pass()).toBe(1);
    expect(await ts.store.outbox.pendingCount()).toBe(1);
    await new OutboxRelay({ store: ts.store, queue: new HoldingQueue(), clock }).flush();
  });

  it('leaves rows relayed maxRelays times to their failure', async () => {
    const dead = { id: 'holder-dead-2', process: await goneProcess() };
    await ts.store.queueHolders.beat(dead.id, dead.process, clock.now());
    await ts.store.transaction((tx) => tx.outbox.add([job(4)], clock.now()));
    await holderRelay(dead.id, new HoldingQueue()).flush();
    const w = new QueueHolderWatch({ store: ts.store, clock, processState, everyMs: 0, maxRelays: 1 });
    expect(await w.pass()).toBe(0);
    expect(await ts.store.queueHolders.list()).toEqual([]);
  });
});
