import type { DeskDeps } from '../../core/desk/desk-deps';
import type { Actor } from '../../core/domain/actor';
import { createQuery } from '../../core/queries/create-query';
import { queryRecord } from './query-record';

/** `n` open queries raised long ago, so every one is past its SLA: a full `sla` answer without the clock. */
export async function insertBreaches(deps: DeskDeps, clientId: number, n: number): Promise<void> {
  const { id: _id, updatedAt: _updated, ...row } = queryRecord({ clientId, category: deps.config.categories[0]! });
  const start = Date.UTC(2025, 0, 1);
  const rows = Array.from({ length: n }, (_, i) => ({
    ...row,
    heading: `Old ${i}`,
    createdAt: new Date(start + i * 60_000),
  }));
  await deps.store.queries.insertMany(rows, new Date());
}

/** A description longer than a card shows, with marks at both ends to find the whole of it. */
export const LONG_DESCRIPTION = `START ${'lorem ipsum dolor sit amet '.repeat(130)}<END>`;

/** The query the lists tests raise: a description past what a card shows and a mobile number to mask. */
export const LONG_STORY = 'Long story';

export function raiseLongStory(deps: DeskDeps, client: Actor): ReturnType<typeof createQuery> {
  return createQuery(deps, client, {
    category: deps.config.categories[0]!,
    heading: LONG_STORY,
    description: LONG_DESCRIPTION,
    mobile: '9876543210',
  });
}
