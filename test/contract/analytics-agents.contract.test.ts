import { teamAnalytics } from '../../core/analytics/team-analytics';
import type { Actor } from '../../core/domain/actor';
import { claimQuery } from '../../core/queries/claim-query';
import { closeQuery } from '../../core/queries/close-query';
import { createQuery } from '../../core/queries/create-query';
import { NotAuthorized, ValidationFailed } from '../../core/errors';
import { makeActor, testDesk, T0, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const HOUR = 3_600_000;

describe.each(STORE_KINDS)('per-agent analytics and SLA overrides on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let client: Actor, ann: Actor, ben: Actor, lead: Actor;

  // [agent, category, hours to claim, hours from claim to close (null: left in progress)]
  const plan: Array<['ann' | 'ben', string, number, number | null]> = [
    ['ann', 'Billing Problem', 1, 2],
    ['ann', 'Billing Problem', 3, 10],
    ['ann', 'Bug Report', 5, 100],
    ['ben', 'Bug Report', 2, 1],
    ['ben', 'Login Issue', 1, null],
  ];

  beforeAll(async () => {
    ts = await openTestStore(kind);
    // Billing is tighter: first response 2 h, resolution 8 h; others keep 4 h / 72 h.
    deps = testDesk(ts.store, {
      sla: {
        default: { firstResponseHours: 4, resolutionHours: 72 },
        categories: { 'Billing Problem': { firstResponseHours: 2, resolutionHours: 8 } },
        warnAt: 0.8,
      },
    });
    client = await makeActor(deps, 'client', 'cora');
    ann = await makeActor(deps, 'agent', 'ann');
    ben = await makeActor(deps, 'agent', 'ben');
    lead = await makeActor(deps, 'lead', 'lee');
    for (const [who, category, toClaim, toClose] of plan) {
      deps.clock.set(T0);
      const { query } = await createQuery(deps, client, { category, heading: 'h', description: 'd' });
      deps.clock.advance(toClaim * HOUR);
      await claimQuery(deps, who === 'ann' ? ann : ben, query.id);
      if (toClose !== null) {
        deps.clock.advance(toClose * HOUR);
        await closeQuery(deps, who === 'ann' ? ann : ben, { queryId: query.id, note: 'fixed' });
      }
    }
    await createQuery(deps, client, { category: 'Data Export', heading: 'unclaimed', description: 'd' });
    deps.clock.set(new Date(T0.getTime() + 10 * HOUR));
  });
  afterAll(() => ts.dispose());

  it('computes load, resolution and breaches per agent', async () => {
    const t = await teamAnalytics(deps, lead, {});
    const byName = Object.fromEntries(t.agents.map((a) => [a.name, a]));
    // ann closed after 3, 13 and 105 hours; ben closed one after 3 hours and holds one in progress.
    expect(byName.Ann).toMatchObject({ handled: 3, inProgress: 0, closed: 3 });
    expect(byName.Ann!.resolution).toMatchObject({ count: 3, medianHours: 13 });
    expect(byName.Ann!.resolution.avgHours).toBeCloseTo(121 / 3, 9);
    expect(byName.Ann!.resolution.p90Hours).toBeCloseTo(13 + 0.8 * 92, 9);
    expect(byName.Ben).toMatchObject({ handled: 2, inProgress: 1, closed: 1 });
    expect(byName.Ben!.resolution.medianHours).toBe(3);
    expect(t.totals).toEqual({ total: 6, open: 1, inProgress: 1, closed: 4 });
    // Overall resolution: 3, 13, 105, 3 -> median 8.
    expect(t.resolution.medianHours).toBe(8);
    // First responses: 1, 3, 5, 2, 1 hours.
    expect(t.firstResponse).toMatchObject({ count: 5, medianHours: 2 });
    expect(t.firstResponse.avgHours).toBeCloseTo(12 / 5, 9);
    // Billing (2 h / 8 h): claim after 3 h breaches, close after 13 h breaches. Bug Report: claim after 5 h
    // breaches 4 h, 105 h breaches 72 h. The unclaimed Data Export query is 10 h old: first response breached.
    expect(t.sla.firstResponseBreaches).toBe(3);
    expect(t.sla.resolutionBreaches).toBe(2);
    const billing = t.categories.find((c) => c.category === 'Billing Problem')!;
    expect(billing).toMatchObject({ total: 2, firstResponseBreaches: 1, resolutionBreaches: 1 });
  });

  it('filters by agent', async () => {
    const t = await teamAnalytics(deps, lead, { agentId: ben.userId });
    expect(t.totals.total).toBe(2);
    expect(t.agents.map((a) => a.name)).toEqual(['Ben']);
  });

  it('is for leads only and checks its filters', async () => {
    await expect(teamAnalytics(deps, ann, {})).rejects.toThrow(NotAuthorized);
    await expect(teamAnalytics(deps, lead, { from: '2026-02-01', to: '2026-01-01' })).rejects.toThrow(ValidationFailed);
    await expect(teamAnalytics(deps, lead, { from: 'yesterday-ish' })).rejects.toThrow(/not a date/);
  });
});
