import type { NewQueryRow } from '../domain/query';

/** A query as imported, its client named by email: the store finds or creates the account. */
export type StagedQueryRow = Omit<NewQueryRow, 'clientId'> & { clientEmail: string };

export interface BulkImportResult {
  inserted: number;
  usersCreated: number;
  /** Secondary indexes dropped for the load and rebuilt after it (a large load into a near-empty table). */
  rebuiltIndexes: string[];
}

/**
 * A set-based import (MySQL): rows are first copied to a scratch area the desk never reads, so a bad
 * row anywhere in the input leaves the store untouched; then clients and queries land in a few
 * statements of one transaction (all of them or none). Loading the same rows twice changes nothing (queries are keyed by external id).
 */
export interface BulkQueryImport {
  /** Copies the rows to the scratch area; returns how many were read. Throws what `batches` throws. */
  stage(batches: AsyncIterable<readonly StagedQueryRow[]>): Promise<number>;
  /**
   * Creates the clients missing by email, then inserts the staged queries whose external id is new
   * (the first of a repeated id wins). `onProgress` is told after each chunk of queries.
   */
  commit(now: Date, onProgress?: (done: number, total: number) => void): Promise<BulkImportResult>;
  /** Drops the scratch area; call it whatever happened. */
  close(): Promise<void>;
}
