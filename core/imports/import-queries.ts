import type { QueryStatus } from '../domain/status';
import type { DeskDeps } from '../desk/desk-deps';
import type { StoreTx } from '../ports/store';
import type { NewQueryRow } from '../domain/query';
import { HEADING_MAX } from '../schemas/query-input';
import type { BulkQueryImport, StagedQueryRow } from './bulk-query-import';

/** One cleaned row of a historical export (the data pipeline's output). */
export interface ImportRow {
  externalRef: string;
  clientEmail: string;
  emailValid: boolean;
  mobile: string | null;
  mobileValid: boolean;
  category: string;
  description: string;
  status: QueryStatus;
  createdAt: Date;
  closedAt: Date | null;
}

export interface ImportResult {
  inserted: number;
  skipped: number;
  usersCreated: number;
}

/**
 * Loads a batch of historical queries: clients are found or created by email, and rows whose
 * external id is already stored are skipped, so loading the same file twice changes nothing.
 */
export function importQueries(deps: DeskDeps, rows: readonly ImportRow[]): Promise<ImportResult> {
  if (rows.length === 0) return Promise.resolve({ inserted: 0, skipped: 0, usersCreated: 0 });
  const now = deps.clock.now();
  return deps.store.transaction((tx) => importQueriesIn(tx, rows, now));
}

/** importQueries inside the caller's transaction: a whole file's batches commit together, or none does. */
export async function importQueriesIn(tx: StoreTx, rows: readonly ImportRow[], now: Date): Promise<ImportResult> {
  const existing = new Set(await tx.queries.existingRefs(rows.map((r) => r.externalRef)));
  const fresh = dedupe(rows.filter((r) => !existing.has(r.externalRef)));
  const emails = [...new Set(fresh.map((r) => r.clientEmail))];
  const known = await tx.users.idsByEmail(emails);
  const missing = emails.filter((e) => !known.has(e));
  const created = await tx.users.insertClients(missing.map((email) => ({ email, createdAt: now })));
  for (const [email, id] of created) known.set(email, id);
  const queryRows: NewQueryRow[] = fresh.map((r) => toQueryRow(r, known.get(r.clientEmail) as number));
  await tx.queries.insertMany(queryRows, now);
  return { inserted: queryRows.length, skipped: rows.length - queryRows.length, usersCreated: created.size };
}

function dedupe(rows: ImportRow[]): ImportRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.externalRef) && (seen.add(r.externalRef), true));
}

function toQueryRow(r: ImportRow, clientId: number): NewQueryRow {
  const { clientEmail: _email, ...row } = stagedQueryRow(r);
  return { ...row, clientId };
}

/** What an imported row stores: the heading is the description's first line, resolution time is kept. */
export function stagedQueryRow(r: ImportRow): StagedQueryRow {
  const resolutionMs = r.status === 'Closed' && r.closedAt ? r.closedAt.getTime() - r.createdAt.getTime() : null;
  const firstLine = r.description.split(/\r?\n/)[0] ?? r.description;
  return {
    externalRef: r.externalRef,
    clientEmail: r.clientEmail,
    category: r.category,
    heading: firstLine.length > HEADING_MAX ? `${firstLine.slice(0, HEADING_MAX - 1)}…` : firstLine,
    description: r.description,
    mobile: r.mobile,
    mobileValid: r.mobileValid,
    status: r.status,
    assigneeId: null,
    platform: 'import',
    createdAt: r.createdAt,
    claimedAt: null,
    closedAt: r.status === 'Closed' ? r.closedAt : null,
    resolutionNote: null,
    resolutionMs,
    firstResponseMs: null,
    reopenCount: 0,
  };
}

/**
 * The same import as importQueries over a whole stream, set-based: every batch is staged first (a bad
 * row fails the stream before the store changes), then clients and queries are written together.
 */
export async function bulkImportQueries(
  bulk: BulkQueryImport,
  batches: AsyncIterable<readonly ImportRow[]>,
  now: Date,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult & { rebuiltIndexes: string[] }> {
  async function* staged(): AsyncGenerator<StagedQueryRow[]> {
    for await (const rows of batches) yield rows.map(stagedQueryRow);
  }
  const rows = await bulk.stage(staged());
  const r = await bulk.commit(now, onProgress);
  return {
    inserted: r.inserted,
    skipped: rows - r.inserted,
    usersCreated: r.usersCreated,
    rebuiltIndexes: r.rebuiltIndexes,
  };
}
