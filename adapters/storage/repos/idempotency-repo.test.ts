import { openTestStore, STORE_KINDS, type TestStore } from '../../../test/support/test-stores';

describe.each(STORE_KINDS)('idempotency keys on %s', (kind) => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await openTestStore(kind);
  });
  afterAll(() => ts?.dispose());

  it('claims a key once, across racing claimants, until it is released', async () => {
    const keys = ts.store.idempotency;
    const now = new Date('2026-03-02T09:00:00Z');
    expect(await keys.claim('slack:view:T1:V1', now)).toBe(true);
    expect(await keys.claim('slack:view:T1:V1', now)).toBe(false);
    await keys.release('slack:view:T1:V1');
    expect(await keys.claim('slack:view:T1:V1', now)).toBe(true);
    const race = await Promise.all(Array.from({ length: 20 }, () => keys.claim('discord:interaction:123', now)));
    expect(race.filter(Boolean)).toHaveLength(1);
    // Inside a transaction that rolls back, the claim is undone with the rest.
    await expect(
      ts.store.transaction(async (tx) => {
        await tx.idempotency.claim('rolled-back', now);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await keys.claim('rolled-back', now)).toBe(true);
  });
});
