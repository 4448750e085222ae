import { teamAnalytics } from '../../core/analytics/team-analytics';
import { team } from '../../core/conversation/handlers/lead-handlers';
import { sla } from '../../core/conversation/handlers/sla-handler';
import type { Conversation } from '../../core/conversation/conversation';
import type { Actor } from '../../core/domain/actor';
import { claimQuery } from '../../core/queries/claim-query';
import { createQuery } from '../../core/queries/create-query';
import { runSlaSweep } from '../../core/sla/run-sweep';
import { DEFAULT_SLA_POLICY, slaPolicySchema } from '../../core/sla/sla-policy';
import type { ListView, Reply, StatsView } from '../../core/views/view-model';
import { makeActor, T0, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const H = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * H);
const figure = (r: Reply, title: string, label: string) =>
  (r.views.find((v): v is StatsView => v.kind === 'stats' && v.title === title)?.figures ?? []).find(
    (f) => f.label === label,
  )?.value;

/**
 * Business hours make the recorded breaches differ from the derived ones: a query opened Friday 16:00 (New York)
 * is 20 wall-clock hours old on Saturday, past a 4 h target by wall time, but its clock has run one business hour,
 * so the sweep records no breach for it. Team analytics and `/cqms sla` show what was recorded.
 */
describe.each(STORE_KINDS)('recorded SLA breaches in analytics and /cqms sla on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let client: Actor, ann: Actor, lead: Actor;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store, {
      sla: slaPolicySchema.parse({
        ...DEFAULT_SLA_POLICY,
        businessHours: { timeZone: 'America/New_York', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      }),
    });
    client = await makeActor(deps, 'client', 'rbclient');
    ann = await makeActor(deps, 'agent', 'rbann');
    lead = await makeActor(deps, 'lead', 'rblead');
    const open = async (when: Date, category: string) => {
      deps.clock.set(when);
      return (await createQuery(deps, client, { category, heading: 'h', description: 'd' })).query;
    };
    // T0 is Monday 2026-03-02 09:00 UTC = 04:00 New York: business time starts at 14:00 UTC.
    const bug = await open(at(0), 'Bug Report'); // first response breaches at 18:00 UTC (4 business hours)
    const login = await open(at(1), 'Login Issue'); // breaches too, then is claimed by Ann
    await open(new Date('2026-03-06T21:00:00Z'), 'Bug Report'); // Friday 16:00 New York: no breach by Saturday
    // Sweeps at 18:00 UTC Monday (both first responses breached), then Ann claims one, then a sweep on Saturday.
    const fired = await runSlaSweep(deps, at(9));
    deps.clock.set(at(9.5));
    await claimQuery(deps, ann, login.id);
    fired.push(...(await runSlaSweep(deps, new Date('2026-03-07T17:00:00Z'))));
    expect(
      fired
        .filter((a) => a.level === 'breach')
        .map((a) => `${a.queryId}/${a.clock}`)
        .sort(),
    ).toEqual([`${bug.id}/firstResponse`, `${login.id}/firstResponse`].sort());
    deps.clock.set(new Date('2026-03-07T17:00:00Z'));
  });
  afterAll(() => ts.dispose());

  it('counts the breaches recorded in sla_alerts beside the derived ones, per clock and agent', async () => {
    const t = await teamAnalytics(deps, lead, {});
    // Derived by wall clock: the Friday query is 20 h old and unclaimed, so it counts; the recorded ones do not.
    expect(t.sla.firstResponseBreaches).toBe(3);
    expect(t.sla.recorded).toEqual({ firstResponseBreaches: 2, resolutionBreaches: 0 });
    expect(t.agents.map((a) => [a.name, a.recordedBreaches])).toEqual([['Rbann', 1]]);
  });

  it('keeps to the scope: category, agent and date range', async () => {
    expect((await teamAnalytics(deps, lead, { category: 'Login Issue' })).sla.recorded.firstResponseBreaches).toBe(1);
    expect((await teamAnalytics(deps, lead, { agentId: ann.userId })).sla.recorded.firstResponseBreaches).toBe(1);
    expect(
      (await teamAnalytics(deps, lead, { from: '2026-03-03', to: '2026-03-08' })).sla.recorded.firstResponseBreaches,
    ).toBe(0);
    expect(
      (await teamAnalytics(deps, lead, { from: '2026-03-02', to: '2026-03-03' })).sla.recorded.firstResponseBreaches,
    ).toBe(2);
  });

  it('shows the recorded counts in the team and sla views', async () => {
    const ctx = { deps, conv: { actor: lead } as Conversation };
    const teamReply = await team(ctx, {});
    expect(figure(teamReply, 'Team analytics', 'Breaches alerted')).toBe('2 first response, 0 resolution');
    const agents = teamReply.views.find((v): v is ListView => v.kind === 'list' && v.title === 'Agents')!;
    expect(agents.rows.map((i) => i.cells.alerted)).toEqual(['1']);
    const slaReply = await sla(ctx, {});
    expect(figure(slaReply, 'Recorded SLA breaches', 'Breaches alerted (all time)')).toBe(
      '2 first response, 0 resolution',
    );
    expect(figure(slaReply, 'Recorded SLA breaches', 'By category')).toBe('Bug Report: 1, Login Issue: 1');
    const onlyLogin = await sla(ctx, { category: 'Login Issue' });
    expect(figure(onlyLogin, 'Recorded SLA breaches', 'Breaches alerted (all time)')).toBe(
      '1 first response, 0 resolution',
    );
  });
});
