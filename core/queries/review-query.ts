import type { Actor } from '../domain/actor';
import type { ReviewRecord } from '../domain/review';
import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import { AlreadyReviewed, NotInState } from '../errors';
import { parseInput } from '../schemas/parse-input';
import { reviewSchema } from '../schemas/query-input';
import { loadQuery } from './load-query';

/** The client rates a closed query once, 1-5, with an optional comment. */
export async function reviewQuery(
  deps: DeskDeps,
  actor: Actor,
  input: { queryId: unknown; rating: unknown; comment?: unknown },
): Promise<ReviewRecord> {
  const data = parseInput(reviewSchema, input);
  const query = await loadQuery(deps.store, data.queryId);
  authorize(actor, 'query.review', query);
  if (query.status !== 'Closed') throw new NotInState(query.id, query.status, ['Closed'], 'rate');
  const now = deps.clock.now();
  const row = {
    queryId: query.id,
    clientId: actor.userId,
    rating: data.rating,
    comment: data.comment || null,
    createdAt: now,
  };
  const inserted = await deps.store.transaction(async (tx) => {
    if (!(await tx.reviews.insertOnce(row))) return false;
    await tx.events.append({
      queryId: query.id,
      actorId: actor.userId,
      type: 'reviewed',
      fromStatus: 'Closed',
      toStatus: 'Closed',
      platform: actor.platform,
      detail: { rating: data.rating },
      createdAt: now,
    });
    return true;
  });
  if (!inserted) throw new AlreadyReviewed(query.id);
  const review = await deps.store.reviews.forQuery(query.id);
  if (!review) throw new AlreadyReviewed(query.id);
  return review;
}
