import { teamAnalytics } from '../../analytics/team-analytics';
import { teamCharts } from '../../charts/charts-for';
import { chartsOrJob } from '../../charts/charts-follow';
import { lookupUser } from '../../users/manage-users';
import type { DeskDeps } from '../../desk/desk-deps';
import { isStaff } from '../../domain/roles';
import { authorize } from '../../authz/policy';
import { NotFound, ValidationFailed } from '../../errors';
import { reassignQuery } from '../../queries/reassign-query';
import { encodeAction } from '../../views/action-id';
import { pagedList } from '../../views/list-page';
import { ephemeral, text } from '../../views/view-model';
import type { BreachCounts } from '../../analytics/analytics-types';
import { actorOf, pick, type Args, type Handler, type HandlerContext } from '../handler';
import { encodeListFilter, type ListFilter } from '../list-filter-code';
import { queryIdOf } from '../query-id';
import { conversationFigures, perQueryText, statsFigures, waitedText } from '../stats-figures';
import { withArticle } from '../../views/words';
import { durationText } from '../../views/duration';

/** An agent named by id (#7), username or email, or passed resolved by a surface ({ userId }). */
export async function resolveAgent(deps: DeskDeps, v: unknown): Promise<number> {
  if (typeof v === 'object' && v !== null && typeof (v as { userId?: unknown }).userId === 'number')
    return (v as { userId: number }).userId;
  const s = typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
  if (!s) throw ValidationFailed.field('agent', 'an agent is required (username, email or #id)');
  const user = await lookupUser(deps, s);
  if (!user) throw new NotFound('agent', s);
  if (!isStaff(user.role))
    throw ValidationFailed.field('agent', `${user.username} is ${withArticle(user.role)}, not an agent`);
  return user.id;
}

export const team: Handler = async (ctx, args) => {
  const { a, agents } = await teamAgents(ctx, args);
  const figures = [
    ...statsFigures(a.totals, a.resolution),
    { label: 'Avg first response', value: durationText(a.firstResponse.avgHours), inline: true },
    { label: 'First-response breaches', value: String(a.sla.firstResponseBreaches), inline: true },
    { label: 'Resolution breaches', value: String(a.sla.resolutionBreaches), inline: true },
    { label: 'Breaches alerted', value: alertedText(a.sla.recorded), inline: true },
    ...conversationFigures(a.conversation),
  ];
  return ephemeral(
    { kind: 'stats', title: 'Team analytics', figures },
    agents,
    ...(await chartsOrJob(ctx.deps, ctx.conv.place, teamCharts(a))),
  );
};

/** The analytics and one page of their agents table; its paging buttons carry the range, category and agent. */
export async function teamAgents(ctx: HandlerContext, args: Args) {
  const agentId = args.agent !== undefined && args.agent !== '' ? await resolveAgent(ctx.deps, args.agent) : undefined;
  const a = await teamAnalytics(ctx.deps, actorOf(ctx), {
    ...pick(args, ['from', 'to', 'category', 'bucket']),
    ...(agentId ? { agentId } : {}),
  });
  const code = encodeListFilter(
    { ...(pick(args, ['from', 'to', 'category']) as ListFilter), ...(agentId ? { agent: `#${agentId}` } : {}) },
    ctx.deps.config.categories,
  );
  const agents = pagedList(
    'Agents',
    [
      ['agent', 'Agent'],
      ['handled', 'Handled'],
      ['open', 'In progress'],
      ['closed', 'Closed'],
      ['avg', 'Avg resolution'],
      ['median', 'Median'],
      ['reply', 'First reply'],
      ['messages', 'Msgs/query'],
      ['waited', 'Waited on client'],
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
        reply: durationText(g.conversation.firstReply.medianHours),
        messages: perQueryText(g.conversation),
        waited: waitedText(g.conversation),
        breaches: String(g.firstResponseBreaches + g.resolutionBreaches),
        alerted: String(g.recordedBreaches),
      },
    })),
    'No query in this range has been handled by an agent yet.',
    args.page,
    (page) => encodeAction({ kind: 'page', list: 'agents', page, filter: code }),
  );
  return { a, agents: { ...agents, layout: 'table' as const } };
}

/** Breaches the SLA sweep recorded, per clock. */
export function alertedText(b: BreachCounts): string {
  return `${b.firstResponseBreaches} first response, ${b.resolutionBreaches} resolution`;
}

export const assign: Handler = async (ctx, args) => {
  const actor = actorOf(ctx);
  authorize(actor, 'query.reassign');
  const agentId = await resolveAgent(ctx.deps, args.agent);
  const q = await reassignQuery(ctx.deps, actor, queryIdOf(args.id), agentId);
  const agent = await ctx.deps.store.users.findById(agentId);
  return ephemeral(text(`Query #${q.id} is now assigned to ${agent?.displayName ?? `#${agentId}`}.`, 'success'));
};
