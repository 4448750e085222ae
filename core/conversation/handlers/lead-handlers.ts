import { teamAnalytics } from '../../analytics/team-analytics';
import { teamCharts } from '../../charts/charts-for';
import { chartsOrJob } from '../../charts/charts-follow';
import { lookupUser } from '../../users/manage-users';
import type { DeskDeps } from '../../desk/desk-deps';
import { isStaff } from '../../domain/roles';
import { authorize } from '../../authz/policy';
import { NotFound, ValidationFailed } from '../../errors';
import { reassignQuery } from '../../queries/reassign-query';
import { mostUrgent, slaStatus } from '../../sla/sla-status';
import { ephemeral, singlePageList, text, type View } from '../../views/view-model';
import type { BreachCounts } from '../../analytics/analytics-types';
import type { SlaClock } from '../../sla/sla-alert';
import { actorOf, pick, type Handler } from '../handler';
import { withArticle } from '../../views/words';
import { durationText } from '../../views/duration';
import { queryIdOf } from '../query-id';
import { statsFigures } from '../stats-figures';


/** An agent named by id (#7), username or email, or passed resolved by a surface ({ userId }). */
export async function resolveAgent(deps: DeskDeps, v: unknown): Promise<number> {
  if (typeof v === 'object' && v !== null && typeof (v as { userId?: unknown }).userId === 'number') return (v as { userId: number }).userId;
  const s = typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
  if (!s) throw ValidationFailed.field('agent', 'an agent is required (username, email or #id)');
  const user = await lookupUser(deps, s);
  if (!user) throw new NotFound('agent', s);
  if (!isStaff(user.role)) throw ValidationFailed.field('agent', `${user.username} is ${withArticle(user.role)}, not an agent`);
  return user.id;
}

export const team: Handler = async (ctx, args) => {
  const extra = args.agent !== undefined && args.agent !== '' ? { agentId: await resolveAgent(ctx.deps, args.agent) } : {};
  const a = await teamAnalytics(ctx.deps, actorOf(ctx), { ...pick(args, ['from', 'to', 'category', 'bucket']), ...extra });
  const figures = [
    ...statsFigures(a.totals, a.resolution),
    { label: 'Avg first response', value: durationText(a.firstResponse.avgHours), inline: true },
    { label: 'First-response breaches', value: String(a.sla.firstResponseBreaches), inline: true },
    { label: 'Resolution breaches', value: String(a.sla.resolutionBreaches), inline: true },
    { label: 'Breaches alerted', value: alertedText(a.sla.recorded), inline: true },
  ];
  const agents = singlePageList(
    'Agents',
    [
      ['agent', 'Agent'],
      ['handled', 'Handled'],
      ['open', 'In progress'],
      ['closed', 'Closed'],
      ['avg', 'Avg resolution'],
      ['median', 'Median'],
      ['breaches', 'Breaches'],
      ['alerted', 'Alerted'],
    ],
    a.agents.map((g) => ({
      cells: {
        agent: g.name,
        handled: String(g.handled),
        open: String(g.inProgress),
        closed: String(g.closed),
        avg: durationText(g.resolution.avgHours),
        median: durationText(g.resolution.medianHours),
        breaches: String(g.firstResponseBreaches + g.resolutionBreaches),
        alerted: String(g.recordedBreaches),
      },
    })),
    'No query in this range has been handled by an agent yet.',
  );
  return ephemeral({ kind: 'stats', title: 'Team analytics', figures }, { ...agents, layout: 'table' }, ...(await chartsOrJob(ctx.deps, ctx.conv.place, teamCharts(a))));
};

/** Breaches the SLA sweep recorded, per clock. */
function alertedText(b: BreachCounts): string {
  return `${b.firstResponseBreaches} first response, ${b.resolutionBreaches} resolution`;
}

/** How many active queries the sla command inspects, oldest first (the likeliest to breach). */
const SLA_SCAN = 1000;

export const sla: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  authorize(actor, 'sla.view');
  const now = ctx.deps.clock.now();
  const filter = { status: ['Open', 'In Progress'] as ('Open' | 'In Progress')[], ...(typeof args.category === 'string' && args.category ? { category: args.category } : {}) };
  const { rows, total } = await ctx.deps.store.queries.list(filter, { limit: SLA_SCAN, offset: 0 });
  const urgent = rows
    .map((q) => ({ q, s: mostUrgent(slaStatus(q, ctx.deps.config.sla, now)) }))
    .filter((x): x is { q: (typeof rows)[number]; s: NonNullable<ReturnType<typeof mostUrgent>> } => x.s !== null)
    .sort((a, b) => (a.s.level === b.s.level ? a.s.dueAt.getTime() - b.s.dueAt.getTime() : a.s.level === 'breach' ? -1 : 1));
  const view = singlePageList(
    `SLA: ${urgent.filter((u) => u.s.level === 'breach').length} breached, ${urgent.filter((u) => u.s.level === 'warning').length} at warning`,
    [
      ['id', 'ID'],
      ['level', 'Level'],
      ['clock', 'Clock'],
      ['due', 'Due (UTC)'],
      ['status', 'Status'],
      ['category', 'Category'],
    ],
    urgent.map(({ q, s }) => ({
      queryId: q.id,
      tone: s.level === 'breach' ? 'danger' : 'warning',
      cells: {
        id: `#${q.id}`,
        level: s.level,
        clock: s.clock === 'firstResponse' ? 'first response' : 'resolution',
        due: s.dueAt.toISOString().replace('T', ' ').slice(0, 16),
        status: q.status,
        category: q.category,
      },
    })),
    'No active query is near or past its SLA.',
  );
  const recorded = await ctx.deps.store.slaAlerts.countByCategory({ level: 'breach', ...(filter.category ? { category: filter.category } : {}) });
  const alerted = (clock: SlaClock) => recorded.reduce((n, r) => n + (r.clock === clock ? r.count : 0), 0);
  const figures = [
    { label: 'Breaches alerted (all time)', value: alertedText({ firstResponseBreaches: alerted('firstResponse'), resolutionBreaches: alerted('resolution') }), inline: true },
    ...(recorded.length > 0 ? [{ label: 'By category', value: byCategoryText(recorded), inline: false }] : []),
  ];
  const views: View[] = [view, { kind: 'stats', title: 'Recorded SLA breaches', figures }];
  return total > SLA_SCAN ? ephemeral(...views, text(`Showing the oldest ${SLA_SCAN} of ${total} active queries.`, 'warning')) : ephemeral(...views);
};

function byCategoryText(rows: readonly { category: string; count: number }[]): string {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.category, (by.get(r.category) ?? 0) + r.count);
  return [...by.entries()].map(([c, n]) => `${c}: ${n}`).join(', ');
}

export const assign: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  authorize(actor, 'query.reassign');
  const agentId = await resolveAgent(ctx.deps, args.agent);
  const q = await reassignQuery(ctx.deps, actor, queryIdOf(args.id), agentId);
  const agent = await ctx.deps.store.users.findById(agentId);
  return ephemeral(text(`Query #${q.id} is now assigned to ${agent?.displayName ?? `#${agentId}`}.`, 'success'));
};
