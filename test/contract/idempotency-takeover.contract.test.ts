import { T0 } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(STORE_KINDS)('idempotency key takeover (a lease run out) on %s', (kind) => {
  let ts: TestStore;
  beforeAll(async () => (ts = await openTestStore(kind)));
  afterAll(() => ts.dispose());

  it('takes over a key recorded before the bound, and only then', async () => {
    const keys = ts.store.idempotency;
    expect(await keys.claim('digest:daily:a', T0)).toBe(true);
    expect(await keys.takeOver('digest:daily:a', T0, at(5))).toBe(false); // recorded at the bound: still fresh
    expect(await keys.claimedAt('digest:daily:a')).toEqual(T0);
    expect(await keys.takeOver('digest:daily:a', at(1), at(5))).toBe(true);
    expect(await keys.claimedAt('digest:daily:a')).toEqual(at(5));
    // Recorded anew at the taker's now: stale only before that.
    expect(await keys.takeOver('digest:daily:a', at(1), at(6))).toBe(false);
    expect(await keys.takeOver('digest:daily:a', at(6), at(7))).toBe(true);
    expect(await keys.seen('digest:daily:a')).toBe(true);
    expect(await keys.claim('digest:daily:a', at(8))).toBe(false); // still guards
    expect(await keys.takeOver('digest:daily:never-claimed', at(100), at(100))).toBe(false);
    expect(await keys.seen('digest:daily:never-claimed')).toBe(false);
    expect(await keys.claimedAt('digest:daily:never-claimed')).toBeNull();
  });

  it('lets a holder release its key only while it is still its own claim, not one taken over since', async () => {
    const keys = ts.store.idempotency;
    expect(await keys.claim('digest:daily:slow', T0)).toBe(true);
    expect(await keys.takeOver('digest:daily:slow', at(1), at(5))).toBe(true);
    await keys.release('digest:daily:slow', T0); // the slow first holder fails late
    expect(await keys.claimedAt('digest:daily:slow')).toEqual(at(5));
    await keys.release('digest:daily:slow', at(5)); // the new holder fails
    expect(await keys.seen('digest:daily:slow')).toBe(false);
    expect(await keys.claim('digest:daily:plain', T0)).toBe(true);
    await keys.release('digest:daily:plain'); // no time given: whatever its claim
    expect(await keys.seen('digest:daily:plain')).toBe(false);
  });

  it('of several takers racing for one stale key, exactly one wins', async () => {
    const keys = ts.store.idempotency;
    for (let round = 0; round < 5; round++) {
      const key = `digest:race:${round}`;
      expect(await keys.claim(key, T0)).toBe(true);
      const won = await Promise.all(Array.from({ length: 8 }, (_, i) => keys.takeOver(key, at(1000), at(2000 + i))));
      expect(won.filter(Boolean)).toHaveLength(1);
    }
  });
});
