import type { QueryStatus } from '../domain/status';

const SPELLINGS: Record<QueryStatus, readonly string[]> = {
  Open: ['open', 'opened', 'new', 'pending'],
  'In Progress': ['in progress', 'in-progress', 'in_progress', 'inprogress', 'assigned', 'working'],
  Closed: ['closed', 'close', 'resolved', 'done', 'completed'],
};

/** Every spelling the rule accepts (lowercase), for generators and tests. */
export const STATUS_SPELLINGS: ReadonlyMap<string, QueryStatus> = new Map(
  Object.entries(SPELLINGS).flatMap(([status, names]) => names.map((n) => [n, status as QueryStatus] as const)),
);

/** Trimmed and case-insensitive; anything not listed is null (the row is rejected, not guessed at). */
export function normalizeStatus(raw: string): QueryStatus | null {
  return STATUS_SPELLINGS.get(raw.trim().toLowerCase()) ?? null;
}
