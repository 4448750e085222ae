import type { QueryFilter, QueryRecord } from '../../core/domain/query';
import type { Store } from '../../core/ports/store';

/** The stored queries with this heading (of the first thousand the filter lists): what a submission left behind. */
export async function queriesTitled(
  store: Pick<Store, 'queries'>,
  heading: string,
  filter: QueryFilter = {},
): Promise<QueryRecord[]> {
  return (await store.queries.list(filter, { limit: 1000, offset: 0 })).rows.filter((q) => q.heading === heading);
}
