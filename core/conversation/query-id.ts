import { ValidationFailed } from '../errors';

/** Accepts 42, "42" and "#42": what people type and what cards show. */
export function queryIdOf(v: unknown): number {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().replace(/^#/, '') : '';
  if (!/^\d{1,9}$/.test(s) || Number(s) === 0) {
    throw ValidationFailed.field(
      'id',
      s ? `"${String(v)}" is not a query id (expected a number such as 42)` : 'a query id is required',
    );
  }
  return Number(s);
}
