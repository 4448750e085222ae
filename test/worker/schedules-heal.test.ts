import { emptyRedis } from './empty-redis-scenario';

// A Redis without persistence restarted: the workers schedule the sweep and the digests again by themselves.
// bench/exactly-once-stress.ts runs it again and again.
describe('workers whose Redis came back empty', () => {
  it('post the next SLA alerts and the next digest within one sweep interval of being due, once each', async () => {
    const r = await emptyRedis();
    console.log(
      `empty Redis: ${r.alerts} alerts and ${r.digests} digest expected; ${r.duplicates} duplicates, ${r.lateAlerts} late alerts, ${r.lateDigests} late digests; ms after due: ${JSON.stringify(r.delays)}`,
    );
    expect(r.alerts).toBeGreaterThanOrEqual(2);
    expect([r.duplicates, r.lateAlerts, r.lateDigests]).toEqual([0, 0, 0]);
  }, 150_000);
});
