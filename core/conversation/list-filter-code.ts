import { QUERY_STATUSES, type QueryStatus } from '../domain/status';

export interface ListFilter {
  status?: QueryStatus;
  category?: string;
  from?: string;
  to?: string;
  /** The team's agents list: one agent, as `#id`. */
  agent?: string;
  /** A query's history: the query, as `#id`. */
  id?: string;
}

const day = (s: string) => s.replace(/-/g, '');
const unday = (s: string) => (/^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}` : undefined);

/** Packs a list's filter into a paging button id (compact: indexes and digits only). */
export function encodeListFilter(f: ListFilter, categories: readonly string[]): string {
  const parts: string[] = [];
  if (f.status) parts.push(`s${QUERY_STATUSES.indexOf(f.status)}`);
  if (f.category && categories.includes(f.category)) parts.push(`c${categories.indexOf(f.category)}`);
  if (f.from && /^\d{4}-\d{2}-\d{2}$/.test(f.from)) parts.push(`f${day(f.from)}`);
  if (f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to)) parts.push(`t${day(f.to)}`);
  if (f.agent && /^#\d{1,9}$/.test(f.agent)) parts.push(`a${f.agent.slice(1)}`);
  if (f.id && /^#\d{1,9}$/.test(f.id)) parts.push(`i${f.id.slice(1)}`);
  return parts.join('.');
}

export function decodeListFilter(code: string, categories: readonly string[]): ListFilter {
  const f: ListFilter = {};
  // A later part of the same kind replaces an earlier one, and one that names nothing removes it.
  const put = <K extends keyof ListFilter>(key: K, value: ListFilter[K] | undefined) => {
    if (value === undefined) delete f[key];
    else f[key] = value;
  };
  for (const part of code.split('.').filter(Boolean)) {
    const v = part.slice(1);
    if (part[0] === 's') put('status', QUERY_STATUSES[Number(v)]);
    else if (part[0] === 'c') put('category', categories[Number(v)]);
    else if (part[0] === 'f') put('from', unday(v));
    else if (part[0] === 't') put('to', unday(v));
    else if (part[0] === 'a' && /^\d{1,9}$/.test(v)) put('agent', `#${v}`);
    else if (part[0] === 'i' && /^\d{1,9}$/.test(v)) put('id', `#${v}`);
  }
  return f;
}
