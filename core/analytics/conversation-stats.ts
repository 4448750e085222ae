import type { DeskDeps } from '../desk/desk-deps';
import type { ConversationRow, DurationMetric, QuantilePick } from '../ports/analytics-store';
import type { AnalyticsRequest } from './analytics-read';
import type { ConversationStats } from './analytics-types';
import { durationStats, picksByGroup } from './rollup';

const HOUR_MS = 3_600_000;

/** The team's conversation figures and each agent's (on the queries assigned to them). */
export interface ConversationFigures {
  overall: ConversationStats;
  ofAgent(agentId: number): ConversationStats;
}

/**
 * The store's sums first, then the first-reply and wait quantiles, whole scope and per assignee, side by side: the
 * sums count the values each group has, so a metric no query has yet is not ranked at all, and the others get
 * their counts (the store walks a sorted index to the ranks where it has one).
 */
export async function readConversation(deps: DeskDeps, req: AnalyticsRequest): Promise<ConversationFigures> {
  const a = deps.store.analytics;
  const rows = await a.conversation(req.scope, req.now);
  const ask = (metric: DurationMetric, byAgent: boolean, count: (r: ConversationRow) => number) => {
    const counts = new Map<number | null, number>();
    for (const r of rows) {
      const n = count(r);
      if (n === 0 || (byAgent && r.assigneeId === null)) continue;
      const group = byAgent ? r.assigneeId : null;
      counts.set(group, (counts.get(group) ?? 0) + n);
    }
    if (counts.size === 0) return Promise.resolve([]);
    return a.quantiles(req.scope, metric, byAgent, [50, 90], req.now, counts);
  };
  const [reply, replyBy, wait, waitBy] = await Promise.all([
    ask('firstReply', false, (r) => r.firstReplyCount),
    ask('firstReply', true, (r) => r.firstReplyCount),
    ask('waited', false, (r) => r.waitedCount),
    ask('waited', true, (r) => r.waitedCount),
  ]);
  const replyOf = picksByGroup(replyBy);
  const waitOf = picksByGroup(waitBy);
  return {
    overall: conversationOf(rows, reply, wait),
    ofAgent: (id) =>
      conversationOf(
        rows.filter((r) => r.assigneeId === id),
        replyOf.get(id) ?? [],
        waitOf.get(id) ?? [],
      ),
  };
}

/** Figures of a group of rows, with its picks. */
export function conversationOf(
  rows: readonly ConversationRow[],
  reply: readonly QuantilePick[],
  wait: readonly QuantilePick[],
): ConversationStats {
  const sum = (pick: (r: ConversationRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const queries = sum((r) => r.count);
  const messages = sum((r) => r.messages);
  const waitedMs = sum((r) => r.waitedMsSum);
  return {
    firstReply: durationStats(
      sum((r) => r.firstReplyCount),
      sum((r) => r.firstReplyMsSum),
      reply,
    ),
    messages,
    messagesPerQuery: queries === 0 ? null : messages / queries,
    waiting: {
      ...durationStats(
        sum((r) => r.waitedCount),
        waitedMs,
        wait,
      ),
      totalHours: waitedMs / HOUR_MS,
    },
  };
}

/** No query, no figure: what a set without conversation shows. */
export const NO_CONVERSATION: ConversationStats = conversationOf([], [], []);
