import type { QueryStatus } from '../domain/status';
import type { TrendBucket } from './trend-buckets';

export interface StatusCounts {
  total: number;
  open: number;
  inProgress: number;
  closed: number;
}

/** Durations in hours; null where there is nothing to measure. */
export interface DurationStats {
  count: number;
  avgHours: number | null;
  medianHours: number | null;
  p90Hours: number | null;
}

/** Time spent waiting on clients: durations over the queries that waited, and their total. */
export interface WaitStats extends DurationStats {
  totalHours: number;
}

/** How the desk and the clients talked on a set of queries. */
export interface ConversationStats {
  /** First public staff message after creation, over the queries that have one. */
  firstReply: DurationStats;
  /** Every message written, public and internal notes alike. */
  messages: number;
  /** `messages` over every query in the set, those with none included; null for no query. */
  messagesPerQuery: number | null;
  /** Finished waits plus any still running, counted up to the report's time. */
  waiting: WaitStats;
}

export interface CategoryStats extends StatusCounts {
  category: string;
  firstResponseBreaches: number;
  resolutionBreaches: number;
}

export interface TrendPoint {
  /** The bucket: YYYY-MM-DD of its first day (UTC; a week's Monday), or YYYY-MM of a month. */
  period: string;
  opened: number;
  closed: number;
  avgResolutionHours: number | null;
}

export interface AgentStats {
  agentId: number;
  name: string;
  handled: number;
  inProgress: number;
  closed: number;
  resolution: DurationStats;
  firstResponseBreaches: number;
  resolutionBreaches: number;
  /** Breaches the SLA sweep recorded (and alerted) for this agent's queries, both clocks. */
  recordedBreaches: number;
  /** On the queries assigned to this agent. */
  conversation: ConversationStats;
}

/** Breaches per clock. */
export interface BreachCounts {
  firstResponseBreaches: number;
  resolutionBreaches: number;
}

export interface SlaSummary extends BreachCounts {
  /**
   * Breaches recorded in sla_alerts by the sweep, for the same queries. The counts above are derived from the
   * queries' timestamps against today's targets (wall clock); these are what was alerted, on the policy's own
   * clock (business hours included) when it happened.
   */
  recorded: BreachCounts;
  /** Targets in hours, as applied. */
  targets: {
    firstResponseHours: number;
    resolutionHours: number;
    overrides: Record<string, { firstResponseHours?: number | undefined; resolutionHours?: number | undefined }>;
  };
}

export interface AnalyticsRange {
  from: Date | null;
  to: Date | null;
  category: string | null;
  /** The trend's bucket: the one asked for, else the finest that keeps it within MAX_TREND_POINTS. */
  bucket: TrendBucket;
  generatedAt: Date;
}

export interface ClientAnalytics {
  range: AnalyticsRange;
  totals: StatusCounts;
  resolution: DurationStats;
  categories: CategoryStats[];
  trend: TrendPoint[];
}

export interface TeamAnalytics {
  range: AnalyticsRange & { agentId: number | null };
  totals: StatusCounts;
  resolution: DurationStats;
  firstResponse: DurationStats;
  conversation: ConversationStats;
  agents: AgentStats[];
  categories: CategoryStats[];
  sla: SlaSummary;
  trend: TrendPoint[];
}

export const STATUS_KEY: Record<QueryStatus, keyof Omit<StatusCounts, 'total'>> = {
  Open: 'open',
  'In Progress': 'inProgress',
  Closed: 'closed',
};
