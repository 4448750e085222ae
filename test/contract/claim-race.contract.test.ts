import type { Actor } from '../../core/domain/actor';
import { AlreadyClaimed } from '../../core/errors';
import { claimQuery } from '../../core/queries/claim-query';
import { createQuery } from '../../core/queries/create-query';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

describe.each(STORE_KINDS)('concurrent claims on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let agents: Actor[];
  let client: Actor;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    client = await makeActor(deps, 'client', 'racer');
    agents = [];
    for (let i = 0; i < 50; i++) agents.push(await makeActor(deps, i % 10 === 0 ? 'lead' : 'agent', `agent${i}`));
  });
  afterAll(() => ts.dispose());

  it('gives exactly one winner among 50 simultaneous claims; the 49 others are told who won', async () => {
    for (let round = 0; round < 3; round++) {
      const { query } = await createQuery(deps, client, {
        category: 'Bug Report',
        heading: `race ${round}`,
        description: 'd',
      });
      const results = await Promise.allSettled(agents.map((a) => claimQuery(deps, a, query.id)));
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      const winner = (won[0] as PromiseFulfilledResult<{ assigneeId: number | null }>).value.assigneeId;
      const winnerName = agents.find((a) => a.userId === winner)!.username;
      for (const e of lost) {
        expect(e).toBeInstanceOf(AlreadyClaimed);
        expect((e as AlreadyClaimed).winner?.id).toBe(winner);
        expect((e as AlreadyClaimed).message).toContain(winnerName[0]!.toUpperCase() + winnerName.slice(1));
      }
      const events = await deps.store.events.forQuery(query.id);
      expect(events.filter((e) => e.type === 'claimed')).toHaveLength(1);
    }
  });
});
