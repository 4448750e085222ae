import type { QueryStatus } from '../domain/status';

export type SlaClock = 'firstResponse' | 'resolution';
export type SlaAlertLevel = 'warning' | 'breach';

export const SLA_CLOCKS: readonly SlaClock[] = ['firstResponse', 'resolution'];
export const SLA_ALERT_LEVELS: readonly SlaAlertLevel[] = ['warning', 'breach'];

/** What the sweep needs of an active query: enough to run its clocks and address an alert. */
export interface SlaCandidate {
  id: number;
  category: string;
  status: QueryStatus;
  assigneeId: number | null;
  createdAt: Date;
  firstResponseMs: number | null;
  /** Since when staff wait on the client: the resolution clock stands still meanwhile (absent: not waiting). */
  waitingSince?: Date | null;
  /** Time waited on the client in finished waits: the resolution clock's levels come that much later. */
  waitedMs?: number;
  /** Levels already recorded for this query, so a sweep does not try them again. */
  recorded: readonly { clock: SlaClock; level: SlaAlertLevel }[];
}

/** A level reached by a running clock. */
export interface DueAlert {
  queryId: number;
  clock: SlaClock;
  level: SlaAlertLevel;
  dueAt: Date;
}

/** An alert as recorded in sla_alerts (exactly one row per query, clock and level). */
export interface SlaAlertRecord extends DueAlert {
  firedAt: Date;
}

/** A newly recorded alert with what the worker needs to post it. */
export interface FiredSlaAlert extends SlaAlertRecord {
  category: string;
  assigneeId: number | null;
}

/**
 * Wall-clock lower bounds for the sweep's query: a clock cannot reach a level before this much wall time,
 * whatever the calendar, so rows created after a bound cannot be due at that level yet.
 */
export interface SlaSweepBounds {
  firstResponse: Record<SlaAlertLevel, Date>;
  resolution: Record<SlaAlertLevel, Date>;
}
