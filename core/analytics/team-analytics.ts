import type { Actor } from '../domain/actor';
import type { DeskDeps } from '../desk/desk-deps';
import type { AggregateRow, RecordedBreachRow } from '../ports/analytics-store';
import type { AgentStats, TeamAnalytics } from './analytics-types';
import { rangeOf } from './analytics-scope';
import { analyticsRequest, readRollup } from './analytics-read';
import { readConversation, type ConversationFigures } from './conversation-stats';
import { categoriesOf, durationStats, emptyCounts, addCounts, picksByGroup, totalsOf } from './rollup';

/**
 * Everything a lead reviews: per-agent load and speed, categories, first response, the conversation (first
 * reply, messages, waits on the client), SLA breaches, trend.
 */
export async function teamAnalytics(
  deps: DeskDeps,
  actor: Actor,
  input: Record<string, unknown> = {},
): Promise<TeamAnalytics> {
  const req = analyticsRequest(deps, actor, 'analytics.team', input, (f) => (f.agentId ? { agentId: f.agentId } : {}));
  const [
    {
      rows,
      picks: [overall, perAgent, firstResponse],
      bucket,
      trend,
    },
    recorded,
    conversation,
  ] = await Promise.all([
    readRollup(deps, req, [
      { metric: 'resolution', byAgent: false },
      { metric: 'resolution', byAgent: true },
      { metric: 'firstResponse', byAgent: false },
    ]),
    deps.store.analytics.recordedBreaches(req.scope),
    readConversation(deps, req),
  ]);
  const { f, now } = req;
  const sum = (pick: (r: AggregateRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const agents = await agentStats(deps, rows, picksByGroup(perAgent), recorded, conversation);
  const recordedOf = (clock: RecordedBreachRow['clock']) =>
    recorded.reduce((s, r) => s + (r.clock === clock ? r.count : 0), 0);
  return {
    range: { ...rangeOf(f, bucket, now), agentId: f.agentId ?? null },
    totals: totalsOf(rows),
    resolution: durationStats(
      sum((r) => r.resolutionCount),
      sum((r) => r.resolutionMsSum),
      overall,
    ),
    firstResponse: durationStats(
      sum((r) => r.firstResponseCount),
      sum((r) => r.firstResponseMsSum),
      firstResponse,
    ),
    conversation: conversation.overall,
    agents,
    categories: categoriesOf(rows),
    sla: {
      firstResponseBreaches: sum((r) => r.firstResponseBreaches),
      resolutionBreaches: sum((r) => r.resolutionBreaches),
      recorded: { firstResponseBreaches: recordedOf('firstResponse'), resolutionBreaches: recordedOf('resolution') },
      targets: {
        firstResponseHours: deps.config.sla.default.firstResponseHours,
        resolutionHours: deps.config.sla.default.resolutionHours,
        overrides: deps.config.sla.categories,
      },
    },
    trend,
  };
}

async function agentStats(
  deps: DeskDeps,
  rows: readonly AggregateRow[],
  picks: ReturnType<typeof picksByGroup>,
  recorded: readonly RecordedBreachRow[],
  conversation: ConversationFigures,
): Promise<AgentStats[]> {
  const by = new Map<
    number,
    { counts: ReturnType<typeof emptyCounts>; n: number; ms: number; fr: number; res: number }
  >();
  for (const r of rows) {
    if (r.assigneeId === null) continue;
    let s = by.get(r.assigneeId);
    if (!s) by.set(r.assigneeId, (s = { counts: emptyCounts(), n: 0, ms: 0, fr: 0, res: 0 }));
    addCounts(s.counts, r);
    s.n += r.resolutionCount;
    s.ms += r.resolutionMsSum;
    s.fr += r.firstResponseBreaches;
    s.res += r.resolutionBreaches;
  }
  const alerted = new Map<number, number>();
  for (const r of recorded)
    if (r.assigneeId !== null) alerted.set(r.assigneeId, (alerted.get(r.assigneeId) ?? 0) + r.count);
  const users = new Map((await deps.store.users.findByIds([...by.keys()])).map((u) => [u.id, u]));
  return [...by.entries()]
    .map(([agentId, s]) => ({
      agentId,
      name: users.get(agentId)?.displayName ?? `#${agentId}`,
      handled: s.counts.total,
      inProgress: s.counts.inProgress,
      closed: s.counts.closed,
      resolution: durationStats(s.n, s.ms, picks.get(agentId) ?? []),
      firstResponseBreaches: s.fr,
      resolutionBreaches: s.res,
      recordedBreaches: alerted.get(agentId) ?? 0,
      conversation: conversation.ofAgent(agentId),
    }))
    .sort((x, y) => y.handled - x.handled || x.name.localeCompare(y.name));
}
