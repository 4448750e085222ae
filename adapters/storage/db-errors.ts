import { ConnectionError, TimeoutError, UniqueConstraintError } from 'sequelize';
import { Conflict, StoreUnavailable, isCqmsError } from '../../core/errors';

// ETIMEDOUT: mysql2's connect timeout, and a statement the server left unanswered (endSilentStatements, connect.ts).
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'PROTOCOL_CONNECTION_LOST',
  'ETIMEDOUT',
  'EPIPE',
  'SQLITE_BUSY',
]);

/** Turns driver errors core can act on into core's typed errors; anything else stays a defect. */
export function translateDbError(e: unknown): unknown {
  if (isCqmsError(e)) return e;
  // SQLite reports every constraint (NOT NULL too) as SQLITE_CONSTRAINT; only a real duplicate is a Conflict.
  if (e instanceof UniqueConstraintError && /unique|duplicate/i.test(String(e.parent?.message ?? e.message))) {
    const field = Object.keys(e.fields ?? {})[0] ?? 'value';
    const column = field.replace(/^.*\./, '');
    return new Conflict(column, `That ${column.replace(/_/g, ' ')} is already in use.`);
  }
  if (e instanceof ConnectionError || e instanceof TimeoutError) return new StoreUnavailable(e);
  const cause = (e as { parent?: { code?: string; fatal?: boolean } })?.parent;
  const code = cause?.code ?? (e as { code?: string })?.code;
  if (code && CONNECTION_CODES.has(code)) return new StoreUnavailable(e);
  // mysql2 marks errors that leave the connection unusable as fatal (a connection lost in the middle of a
  // transaction, then "closed state" on its next statement); SQL errors are never fatal.
  if (cause?.fatal === true) return new StoreUnavailable(e);
  return e;
}

export async function guarded<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw translateDbError(e);
  }
}
