import type { QueryPatch } from '../../core/domain/query';
import type { UserRecord } from '../../core/domain/user';
import type { SlaSweepBounds } from '../../core/sla/sla-alert';
import { storedQuery, storedUser } from '../support/store-fixtures';
import { T0 } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const H = 3_600_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const ANY = { status: ['Open', 'In Progress', 'Closed'] } as const;

describe.each(STORE_KINDS)('conversation clocks on %s', (kind) => {
  let ts: TestStore;
  let client: UserRecord;
  let agent: UserRecord;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    client = await storedUser(ts.store, 'client', 'cleo');
    agent = await storedUser(ts.store, 'agent', 'abe');
  });
  afterAll(() => ts?.dispose());

  const patch = async (id: number, p: QueryPatch, now = T0) => {
    expect(await ts.store.queries.updateIf(id, ANY, p, now)).toBe(true);
    return (await ts.store.queries.findById(id))!;
  };

  it('starts a query with no conversation and no wait', async () => {
    const q = await storedQuery(ts.store, client.id);
    expect(q).toMatchObject({ waitingSince: null, waitedMs: 0, messageCount: 0, firstReplyMs: null });
    expect(await ts.store.queries.findById(q.id)).toEqual(q);
  });

  it('pauses the resolution clock while waiting on the client and adds each wait when the client answers', async () => {
    const { id } = await storedQuery(ts.store, client.id, { status: 'In Progress', assigneeId: agent.id });
    expect(await patch(id, { waitingSince: at(1 * H) })).toMatchObject({ waitingSince: at(1 * H), waitedMs: 0 });
    // Marked waiting again: the wait that runs is kept.
    expect(await patch(id, { waitingSince: at(2 * H) })).toMatchObject({ waitingSince: at(1 * H) });
    expect(await patch(id, { resumeAt: at(3 * H) })).toMatchObject({ waitingSince: null, waitedMs: 2 * H });
    // The client writes again while nobody waits: nothing to add.
    expect(await patch(id, { resumeAt: at(4 * H) })).toMatchObject({ waitingSince: null, waitedMs: 2 * H });
    // A resume stamped before the wait began (another process's clock): the wait ends, adding nothing.
    await patch(id, { waitingSince: at(5 * H) });
    expect(await patch(id, { resumeAt: at(5 * H - 1000) })).toMatchObject({ waitingSince: null, waitedMs: 2 * H });
    // Closed while waiting: the wait so far counts as waited, resolution excludes all of it.
    await patch(id, { waitingSince: at(6 * H) });
    const closed = await patch(id, { status: 'Closed', closedAt: at(10 * H), resolvedAt: at(10 * H) });
    expect(closed).toMatchObject({ waitingSince: null, waitedMs: 6 * H, resolutionMs: 4 * H, closedAt: at(10 * H) });
  });

  it('resolves a query that never waited in its wall time, and still takes an explicit resolutionMs', async () => {
    const { id } = await storedQuery(ts.store, client.id, { status: 'In Progress', assigneeId: agent.id });
    expect(await patch(id, { resolvedAt: at(3 * H) })).toMatchObject({ resolutionMs: 3 * H, waitedMs: 0 });
    expect(await patch(id, { resolutionMs: null })).toMatchObject({ resolutionMs: null });
    expect(await patch(id, { resolutionMs: 42 })).toMatchObject({ resolutionMs: 42 });
  });

  it('stops the first-response clock at the claim or the first public staff message, whichever comes first', async () => {
    // Replied before any claim: the reply stops both clocks; the later claim changes neither.
    const replied = await storedQuery(ts.store, client.id);
    await patch(replied.id, { firstResponseAt: at(1 * H), firstReplyAt: at(1 * H) });
    const claimed = await patch(replied.id, {
      status: 'In Progress',
      claimedAt: at(2 * H),
      firstResponseAt: at(2 * H),
    });
    expect(claimed).toMatchObject({ firstResponseMs: 1 * H, firstReplyMs: 1 * H });
    // Claimed first: the reply later sets first reply only.
    const q = await storedQuery(ts.store, client.id);
    await patch(q.id, { status: 'In Progress', claimedAt: at(1 * H), firstResponseAt: at(1 * H) });
    const later = await patch(q.id, { firstResponseAt: at(3 * H), firstReplyAt: at(3 * H) });
    expect(later).toMatchObject({ firstResponseMs: 1 * H, firstReplyMs: 3 * H });
    expect(await patch(q.id, { firstReplyAt: at(5 * H) })).toMatchObject({ firstReplyMs: 3 * H });
  });

  it("leaves a waiting query's resolution levels to the sweep only once the wait is over and made up", async () => {
    // Claimed queries (no first-response clock) created at T0, resolution levels reachable from T0 + 8 h.
    const fresh = async () =>
      (
        await storedQuery(ts.store, client.id, {
          status: 'In Progress',
          assigneeId: agent.id,
          claimedAt: at(1000),
          firstResponseMs: 1000,
        })
      ).id;
    const [running, waiting, waited] = [await fresh(), await fresh(), await fresh()];
    await patch(waiting, { waitingSince: at(2 * H) });
    await patch(waited, { waitingSince: at(2 * H) });
    await patch(waited, { resumeAt: at(7 * H) });
    const bounds = (now: Date): SlaSweepBounds => ({
      firstResponse: { warning: new Date(now.getTime() - 3.2 * H), breach: new Date(now.getTime() - 4 * H) },
      resolution: { warning: new Date(now.getTime() - 6.4 * H), breach: new Date(now.getTime() - 8 * H) },
    });
    const swept = async (now: Date) => {
      const rows = await ts.store.queries.activeForSla({ afterId: 0, limit: 1000 }, bounds(now));
      return rows.filter((r) => [running, waiting, waited].includes(r.id));
    };
    // At T0 + 10 h: the running query is past both levels; the waiting one stands still; the one that waited
    // 5 h has a resolution clock at 5 h, short of the 6.4 h warning.
    expect((await swept(at(10 * H))).map((r) => r.id)).toEqual([running]);
    // At T0 + 12 h its clock reads 7 h: the warning is reachable; the waiting one is still left out.
    const later = await swept(at(12 * H));
    expect(later.map((r) => r.id)).toEqual([running, waited]);
    expect(later.find((r) => r.id === waited)).toMatchObject({ waitedMs: 5 * H, waitingSince: null });
    await patch(waiting, { resumeAt: at(12 * H) });
    // Resumed after waiting 10 h: its clock reads 2 h at T0 + 12 h, and 6.5 h at T0 + 16.5 h.
    expect((await swept(at(12 * H))).map((r) => r.id)).toEqual([running, waited]);
    expect((await swept(at(16.5 * H))).map((r) => r.id)).toEqual([running, waiting, waited]);
  });
});
