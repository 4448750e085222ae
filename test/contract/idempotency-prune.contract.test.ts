import { IDEMPOTENCY_RETENTION_MS, sweepSla } from '../../core/sla/sweep-job';
import { T0, testDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const H = 3_600_000;

describe.each(STORE_KINDS)('idempotency keys pruned by the SLA sweep on %s', (kind) => {
  let ts: TestStore;
  beforeAll(async () => (ts = await openTestStore(kind)));
  afterAll(() => ts.dispose());

  it('deletes keys older than the retention (24 h), keeps younger ones', async () => {
    expect(IDEMPOTENCY_RETENTION_MS).toBe(24 * H);
    const deps = testDesk(ts.store);
    const keys = ts.store.idempotency;
    expect(await keys.claim('slack:view:old', T0)).toBe(true);
    expect(await keys.claim('slack:view:edge', new Date(T0.getTime() + H))).toBe(true);
    expect(await keys.claim('discord:interaction:young', new Date(T0.getTime() + 23 * H))).toBe(true);
    deps.clock.set(new Date(T0.getTime() + 25 * H)); // old is 25 h old, edge exactly 24 h, young 2 h
    await sweepSla(deps);
    expect(await keys.seen('slack:view:old')).toBe(false);
    expect(await keys.seen('slack:view:edge')).toBe(true);
    expect(await keys.seen('discord:interaction:young')).toBe(true);
    expect(await keys.claim('slack:view:old', deps.clock.now())).toBe(true); // free again
    expect(await keys.claim('discord:interaction:young', deps.clock.now())).toBe(false); // still guards
  });
});
