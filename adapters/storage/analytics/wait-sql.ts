import type { Binds } from './scope-sql';

/**
 * A query's time waiting on the client up to `now` (bound as :now): its finished waits plus the one still
 * running, if any (none when the wait starts after `now`, on a skewed clock).
 */
export function waitedSql(now: Date, binds: Binds): string {
  binds.now = now.getTime();
  return '(waited_ms + CASE WHEN waiting_since IS NULL OR waiting_since > :now THEN 0 ELSE :now - waiting_since END)';
}

/** The queries that waited on the client: a finished wait, or one still running. */
export const WAITED_SQL = '(waited_ms > 0 OR waiting_since IS NOT NULL)';
