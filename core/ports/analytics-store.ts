import type { QueryStatus } from '../domain/status';
import type { SlaClock } from '../sla/sla-alert';
import type { SlaTargetsMs } from '../sla/sla-policy';

/** Which queries an analytics request covers; dates bound createdAt (from inclusive, to exclusive). */
export interface AnalyticsScope {
  from?: Date;
  to?: Date;
  category?: string;
  agentId?: number;
  clientId?: number;
}

export interface SlaCutoffs {
  now: Date;
  default: SlaTargetsMs;
  byCategory: ReadonlyMap<string, SlaTargetsMs>;
}

/** Counts and sums per (assignee, category, status): everything but quantiles, in one scan. */
export interface AggregateRow {
  assigneeId: number | null;
  category: string;
  status: QueryStatus;
  count: number;
  resolutionCount: number;
  resolutionMsSum: number;
  firstResponseCount: number;
  firstResponseMsSum: number;
  firstResponseBreaches: number;
  resolutionBreaches: number;
}

/**
 * A duration a quantile ranks, per query: resolution and first response (the claim or first public reply);
 * first reply (the first public staff message, when there is one); waited (time waiting on the client, over the
 * queries that waited: finished waits plus a wait still running, counted up to the report's now).
 */
export type DurationMetric = AggregateMetric | 'firstReply' | 'waited';
/** The durations whose counts the aggregate gives (AggregateRow). */
export type AggregateMetric = 'resolution' | 'firstResponse';

/** The conversation's figures per assignee, over the scope's queries: one scan beside the aggregate's. */
export interface ConversationRow {
  assigneeId: number | null;
  /** Queries in the group. */
  count: number;
  /** Messages written on them, public and internal notes alike (client_queries.message_count summed). */
  messages: number;
  firstReplyCount: number;
  firstReplyMsSum: number;
  /** Queries that waited on the client: a finished wait, or one still running. */
  waitedCount: number;
  /** Their time waiting: finished waits plus running ones up to the report's now. */
  waitedMsSum: number;
}

/**
 * A row picked for a quantile: for each percent p and group of n values sorted ascending, the store
 * returns the values at ranks 1 + floor(p(n-1)/100) and 1 + ceil(p(n-1)/100) (1-based).
 */
export interface QuantilePick {
  group: number | null;
  n: number;
  rank: number;
  valueMs: number;
}

export interface TrendRow {
  /** UTC midnight starting the day (core folds days into weeks or months). */
  bucketStart: Date;
  opened: number;
  closed: number;
  resolutionMsSum: number;
}

/** Breaches recorded in sla_alerts (alerted by the sweep) for the scope's queries, per assignee and clock. */
export interface RecordedBreachRow {
  assigneeId: number | null;
  clock: SlaClock;
  count: number;
}

export interface AnalyticsStore {
  aggregate(scope: AnalyticsScope, sla: SlaCutoffs): Promise<AggregateRow[]>;
  /** Counts the breach alerts recorded for the queries in scope (the same queries `aggregate` covers). */
  recordedBreaches(scope: AnalyticsScope): Promise<RecordedBreachRow[]>;
  /** Messages, first replies and waits on the client per assignee; a wait still running counts up to `now`. */
  conversation(scope: AnalyticsScope, now: Date): Promise<ConversationRow[]>;
  /**
   * Picks for whole-scope quantiles (group null) or per assignee. `now` is the report's moment, where a wait
   * still running ends (metric 'waited'). `counts`, when the caller already has them from `aggregate` of the
   * same scope, gives each group's number of values and spares the store a count.
   */
  quantiles(
    scope: AnalyticsScope,
    metric: DurationMetric,
    byAgent: boolean,
    percents: readonly number[],
    now: Date,
    counts?: ReadonlyMap<number | null, number>,
  ): Promise<QuantilePick[]>;
  /** Opened per UTC day of createdAt; closed and resolution sums per day of closedAt; in day order. */
  trend(scope: AnalyticsScope): Promise<TrendRow[]>;
}
