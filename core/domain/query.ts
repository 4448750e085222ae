import type { Platform } from './platform';
import type { QueryStatus } from './status';

export interface QueryRecord {
  id: number;
  /** Id in the system the row was imported from (e.g. "Q0001"); null for queries raised in chat. */
  externalRef: string | null;
  clientId: number;
  category: string;
  heading: string;
  description: string;
  mobile: string | null;
  mobileValid: boolean;
  status: QueryStatus;
  assigneeId: number | null;
  platform: Platform;
  createdAt: Date;
  claimedAt: Date | null;
  closedAt: Date | null;
  resolutionNote: string | null;
  /** closedAt - createdAt, kept so analytics never compute it per row. */
  resolutionMs: number | null;
  /** First claim - createdAt; a release and re-claim does not reset it. */
  firstResponseMs: number | null;
  reopenCount: number;
  updatedAt: Date;
  /** Since when staff wait on the client (the resolution clock is paused); null when not waiting. */
  waitingSince: Date | null;
  /** Time spent waiting on the client in earlier, finished waits: the resolution clock excludes it. */
  waitedMs: number;
  /** Messages of the conversation so far, internal notes included (the last seq given). */
  messageCount: number;
  /** First public staff message - createdAt; null until one is written. */
  firstReplyMs: number | null;
}

/** The conversation columns start empty: a new or imported query has no messages and no waits yet. */
export type NewQueryRow = Omit<
  QueryRecord,
  'id' | 'updatedAt' | 'waitingSince' | 'waitedMs' | 'messageCount' | 'firstReplyMs'
>;

/** Columns a lifecycle transition may change. */
export type QueryPatch = Partial<
  Pick<
    QueryRecord,
    | 'status'
    | 'assigneeId'
    | 'claimedAt'
    | 'closedAt'
    | 'resolutionNote'
    | 'resolutionMs'
    | 'firstResponseMs'
    | 'reopenCount'
  >
> & {
  /**
   * The first response happened at this time: firstResponseMs becomes its distance from the query's creation,
   * only while it is still null (the first claim counts, a re-claim does not). Computed by the store, so a
   * transition needs no earlier read of the query for it.
   */
  firstResponseAt?: Date;
  /** The first public staff message was written at this time: firstReplyMs is set as firstResponseAt sets its own. */
  firstReplyAt?: Date;
  /** Staff wait on the client from this time (the resolution clock pauses); an earlier, running wait is kept. */
  waitingSince?: Date;
  /** The client answered at this time: the running wait (if any) is added to waitedMs and ends. */
  resumeAt?: Date;
  /**
   * The query is resolved at this time: resolutionMs becomes its distance from the creation minus the time spent
   * waiting on the client (the earlier waits and the running one, which ends). Takes the place of resolutionMs.
   */
  resolvedAt?: Date;
};

export interface QueryFilter {
  clientId?: number;
  assigneeId?: number;
  status?: QueryStatus[];
  category?: string;
  /** Inclusive lower bound on createdAt. */
  from?: Date;
  /** Exclusive upper bound on createdAt. */
  to?: Date;
}

export interface Page {
  limit: number;
  offset: number;
}

export interface PageOf<T> {
  rows: T[];
  total: number;
}
