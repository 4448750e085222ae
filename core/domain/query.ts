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
}

export type NewQueryRow = Omit<QueryRecord, 'id' | 'updatedAt'>;

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
