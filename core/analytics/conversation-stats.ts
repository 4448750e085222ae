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

/** The store's sums and the first-reply and wait quantiles, whole scope and per assignee, read side by side. */
export async function readConversation(deps: DeskDeps, req: AnalyticsRequest): Promise<ConversationFigures> {
  const a = deps.store.analytics;
  const ask = (metric: DurationMetric, byAgent: boolean) => a.quantiles(req.scope, metric, byAgent, [50, 90], req.now);
  const [rows, reply, replyBy, wait, waitBy] = await Promise.all([
    a.conversation(req.scope, req.now),
    ask('firstReply', false),
    ask('firstReply', true),
    ask('waited', false),
    ask('waited', true),
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
