import { claimQuery } from '../../core/queries/claim-query';
import { deliverNotification } from '../../core/notifications/deliver-notification';
import type { Actor } from '../../core/domain/actor';
import type { Notifier } from '../../core/ports/notifier';
import type { QueryRepo, Store } from '../../core/ports/store';
import { AlreadyClaimed, NotFound } from '../../core/errors';
import { makeActor, raiseSampleQuery, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

/** The store as it is, counting every read of one query (in and out of transactions). */
function countingReads(store: Store, reads: { n: number }): Store {
  const counted = (q: QueryRepo): QueryRepo => ({
    ...q,
    findById: (id) => {
      reads.n++;
      return q.findById(id);
    },
  });
  return Object.assign(Object.create(store) as Store, {
    queries: counted(store.queries),
    transaction: <T>(fn: Parameters<Store['transaction']>[0]) =>
      store.transaction((tx) => fn({ ...tx, queries: counted(tx.queries) }) as Promise<T>),
  });
}

describe.each(STORE_KINDS)('a claim on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let ann: Actor;
  let ben: Actor;
  const reads = { n: 0 };

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = { ...testDesk(ts.store), store: countingReads(ts.store, reads) } as TestDesk;
    ann = await makeActor(deps, 'agent', 'ann');
    ben = await makeActor(deps, 'agent', 'ben');
  });
  afterAll(() => ts.dispose());

  it('reads the query once for its answer, and the card notification once more', async () => {
    const id = await raiseSampleQuery(deps);
    reads.n = 0;
    const claimed = await claimQuery(deps, ann, id);
    expect(claimed).toMatchObject({ id, status: 'In Progress', assigneeId: ann.userId, firstResponseMs: 0 });
    expect(reads.n).toBe(1);
    const cards: unknown[] = [];
    const notifier = {
      upsertChannelCard: async (_id: number, card: unknown) => void cards.push(card),
    } as unknown as Notifier;
    await deliverNotification(deps, notifier, { kind: 'channelCard', queryId: id });
    expect(reads.n).toBe(2);
    expect(cards).toHaveLength(1);
  });

  it('still names the winner to the loser, and says when the query does not exist', async () => {
    const id = await raiseSampleQuery(deps, 'yan');
    deps.clock.advance(90_000);
    await claimQuery(deps, ann, id);
    await expect(claimQuery(deps, ben, id)).rejects.toThrow(new AlreadyClaimed(id, { id: ann.userId, name: 'Ann' }));
    await expect(claimQuery(deps, ben, 999_999)).rejects.toBeInstanceOf(NotFound);
    expect((await ts.store.queries.findById(id))?.firstResponseMs).toBe(90_000);
  });
});
