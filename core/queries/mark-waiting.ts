import { authorize } from '../authz/policy';
import type { DeskDeps } from '../desk/desk-deps';
import type { Actor } from '../domain/actor';
import type { QueryRecord } from '../domain/query';
import { NotInState } from '../errors';
import { announceCommitted, recordIntents } from '../notifications/announce';
import { loadQuery } from './load-query';

const ACTIVE = ['Open', 'In Progress'] as const;

/**
 * Staff wait on the client: the resolution clock pauses until the client's next message (post-message resumes
 * it) and the card says since when. Marking a query already waiting changes nothing.
 */
export async function markWaiting(deps: DeskDeps, actor: Actor, queryId: number): Promise<QueryRecord> {
  authorize(actor, 'query.markWaiting');
  const query = await loadQuery(deps.store, queryId);
  if (query.status === 'Closed') throw new NotInState(query.id, query.status, ACTIVE, 'mark waiting on the client');
  if (query.waitingSince !== null) return query;
  const now = deps.clock.now();
  const after = await deps.store.transaction(async (tx) => {
    if (!(await tx.queries.updateIf(query.id, { status: ACTIVE }, { waitingSince: now }, now))) return null;
    await tx.events.append({
      queryId: query.id,
      actorId: actor.userId,
      type: 'waiting',
      fromStatus: null,
      toStatus: null,
      platform: actor.platform,
      detail: null,
      createdAt: now,
    });
    await recordIntents(deps, tx, [{ kind: 'channelCard', queryId: query.id }], now);
    return loadQuery(tx, query.id);
  });
  if (!after) {
    const current = await loadQuery(deps.store, query.id);
    throw new NotInState(current.id, current.status, ACTIVE, 'mark waiting on the client');
  }
  announceCommitted(deps);
  return after;
}
