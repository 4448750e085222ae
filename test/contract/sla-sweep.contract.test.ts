import { openStore, type SequelizeStore } from '../../adapters/storage/sequelize-store';
import type { Actor } from '../../core/domain/actor';
import { claimQuery } from '../../core/queries/claim-query';
import { closeQuery } from '../../core/queries/close-query';
import { createQuery } from '../../core/queries/create-query';
import { runSlaSweep } from '../../core/sla/run-sweep';
import type { FiredSlaAlert } from '../../core/sla/sla-alert';
import { DEFAULT_SLA_POLICY, slaPolicySchema, type SlaPolicy } from '../../core/sla/sla-policy';
import { makeActor, T0, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const H = 3_600_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const key = (a: Pick<FiredSlaAlert, 'queryId' | 'clock' | 'level'>) => `${a.queryId}/${a.clock}/${a.level}`;
const BUSINESS: SlaPolicy = slaPolicySchema.parse({
  ...DEFAULT_SLA_POLICY,
  businessHours: { timeZone: 'America/New_York', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
});

describe.each(STORE_KINDS)('SLA sweep on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let client: Actor;
  let agent: Actor;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    client = await makeActor(deps, 'client', 'slaclient');
    agent = await makeActor(deps, 'agent', 'slaagent');
  });
  afterAll(() => ts.dispose());

  const open = async (d: TestDesk, when: Date, category = 'Bug Report') => {
    d.clock.set(when);
    return (await createQuery(d, client, { category, heading: 'sla', description: 'clock' })).query;
  };
  const sweep = async (d: TestDesk, now: Date, ids: number[]) =>
    (await runSlaSweep(d, now)).filter((a) => ids.includes(a.queryId));

  it('fires the warning at 80 % and the breach at 100 % of a target, once each', async () => {
    const q = await open(deps, T0);
    expect(await sweep(deps, at(3.2 * H - 1), [q.id])).toEqual([]);
    const warning = await sweep(deps, at(3.2 * H), [q.id]);
    expect(warning).toEqual([
      {
        queryId: q.id,
        clock: 'firstResponse',
        level: 'warning',
        dueAt: at(3.2 * H),
        firedAt: at(3.2 * H),
        category: 'Bug Report',
        assigneeId: null,
      },
    ]);
    expect(await sweep(deps, at(4 * H - 1), [q.id])).toEqual([]);
    const breach = await sweep(deps, at(4 * H), [q.id]);
    expect(breach.map(key)).toEqual([`${q.id}/firstResponse/breach`]);
    expect(breach[0]!.dueAt).toEqual(at(4 * H));
    const later = await sweep(deps, at(72 * H), [q.id]);
    expect(later.map(key).sort()).toEqual([`${q.id}/resolution/breach`, `${q.id}/resolution/warning`]);
    expect(await sweep(deps, at(100 * H), [q.id])).toEqual([]);
  });

  it('runs the clocks in business hours: 4 h opened Friday 16:00 breaches on Monday 12:00, not before', async () => {
    const biz = testDesk(ts.store, { sla: BUSINESS });
    const friday = new Date('2026-03-06T21:00:00Z'); // 16:00 EST
    const q = await open(biz, friday);
    expect(await sweep(biz, new Date('2026-03-07T21:00:00Z'), [q.id])).toEqual([]); // Saturday
    expect(await sweep(biz, new Date('2026-03-09T13:00:00Z'), [q.id])).toEqual([]); // Monday 09:00 EDT: 1 h used
    const warning = await sweep(biz, new Date('2026-03-09T15:59:59.999Z'), [q.id]);
    expect(warning.map((a) => [a.level, a.dueAt.toISOString()])).toEqual([['warning', '2026-03-09T15:12:00.000Z']]); // 11:12 EDT
    const breach = await sweep(biz, new Date('2026-03-09T16:00:00Z'), [q.id]);
    expect(breach.map((a) => [a.clock, a.level, a.dueAt.toISOString()])).toEqual([
      ['firstResponse', 'breach', '2026-03-09T16:00:00.000Z'],
    ]);
  });

  it('stops a clock when the query is claimed, both when it is closed', async () => {
    const start = at(1000 * H);
    const claimed = await open(deps, start);
    const closed = await open(deps, start);
    deps.clock.set(new Date(start.getTime() + H));
    await claimQuery(deps, agent, claimed.id);
    await claimQuery(deps, agent, closed.id);
    await closeQuery(deps, agent, { queryId: closed.id, note: 'done' });
    const fired = await sweep(deps, new Date(start.getTime() + 100 * H), [claimed.id, closed.id]);
    expect(fired.map(key).sort()).toEqual([`${claimed.id}/resolution/breach`, `${claimed.id}/resolution/warning`]);
    expect(fired.every((a) => a.assigneeId === agent.userId)).toBe(true);
  });

  it('records each level exactly once with 3 sweeps on separate connections racing for 10 rounds', async () => {
    const start = at(2000 * H);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await open(deps, start, i % 2 ? 'Billing Problem' : 'Bug Report')).id);
    deps.clock.set(new Date(start.getTime() + H));
    await claimQuery(deps, agent, ids[0]!);
    const workers: SequelizeStore[] = [];
    for (let w = 0; w < 3; w++) workers.push(await openStore(ts.url));
    try {
      const fired: FiredSlaAlert[] = [];
      for (let round = 1; round <= 10; round++) {
        const now = new Date(start.getTime() + round * 8 * H);
        const results = await Promise.all(
          workers.map((store) => runSlaSweep({ store, config: deps.config }, now, { pageSize: 2 })),
        );
        fired.push(...results.flat().filter((a) => ids.includes(a.queryId)));
      }
      // Five unclaimed queries reach all four levels; the claimed one only the two resolution levels.
      expect(fired).toHaveLength(5 * 4 + 2);
      expect(new Set(fired.map(key)).size).toBe(fired.length);
      const recorded = await ts.store.slaAlerts.list({}, { limit: 1000, offset: 0 });
      expect(recorded.filter((a) => ids.includes(a.queryId))).toHaveLength(22);
    } finally {
      await Promise.all(workers.map((s) => s.close()));
    }
  });

  it('records an alert in the transaction of its onRecorded hook: a failing hook leaves it for the next sweep', async () => {
    const start = at(3000 * H);
    const q = await open(deps, start);
    const now = new Date(start.getTime() + 3.5 * H);
    const failing = runSlaSweep(deps, now, { onRecorded: async () => Promise.reject(new Error('outbox down')) });
    await expect(failing).rejects.toThrow('outbox down');
    const seen: string[] = [];
    const fired = await runSlaSweep(deps, now, {
      onRecorded: async (a, tx) => void seen.push(`${key(a)}:${typeof tx.slaAlerts.record}`),
    });
    expect(fired.filter((a) => a.queryId === q.id).map(key)).toEqual([`${q.id}/firstResponse/warning`]);
    expect(seen).toContain(`${q.id}/firstResponse/warning:function`);
  });

  it('lists alerts and counts them by category', async () => {
    const counts = await ts.store.slaAlerts.countByCategory({ level: 'breach' });
    expect(counts.every((c) => c.level === 'breach' && c.count > 0)).toBe(true);
    const billing = counts.filter((c) => c.category === 'Billing Problem');
    expect(billing).toEqual([
      { category: 'Billing Problem', clock: 'firstResponse', level: 'breach', count: 3 },
      { category: 'Billing Problem', clock: 'resolution', level: 'breach', count: 3 },
    ]);
    const listed = await ts.store.slaAlerts.list(
      { category: 'Billing Problem', from: at(2000 * H) },
      { limit: 100, offset: 0 },
    );
    expect(listed).toHaveLength(12);
    expect(listed.every((a) => a.category === 'Billing Problem')).toBe(true);
    expect(listed.map((a) => a.firedAt.getTime())).toEqual(
      [...listed.map((a) => a.firedAt.getTime())].sort((a, b) => b - a),
    );
  });
});
