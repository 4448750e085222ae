import type { QueryRecord } from '../domain/query';
import { NotFound } from '../errors';
import type { StoreTx } from '../ports/store';

export async function loadQuery(repos: Pick<StoreTx, 'queries'>, id: number): Promise<QueryRecord> {
  const q = await repos.queries.findById(id);
  if (!q) throw new NotFound('query', id);
  return q;
}
