import type { Actor } from '../domain/actor';
import type { QueryPatch, QueryRecord } from '../domain/query';
import { AlreadyClaimed, NotAuthorized, NotInState } from '../errors';
import type { DeskDeps } from '../desk/desk-deps';
import type { ConditionalUpdate } from '../ports/store';
import { TRANSITIONS, type Transition } from '../lifecycle/transitions';
import { loadQuery } from './load-query';
import { announceCommitted, recordIntents } from '../notifications/announce';
import { intentsForTransition } from '../notifications/intents-for';

export interface TransitionRequest {
  query: QueryRecord;
  actor: Actor;
  transition: Transition;
  patch: Omit<QueryPatch, 'status'>;
  /** Extra row conditions beyond the status (e.g. still assigned to the releasing agent). */
  expect?: Omit<ConditionalUpdate, 'status'>;
  detail?: Record<string, unknown>;
}

/**
 * One conditional UPDATE plus its audit event and its notifications (to the outbox) in one
 * transaction. The status condition makes the update the arbiter between racing actors; the loser is told who won, read after the race settled.
 */
export async function applyTransition(deps: DeskDeps, req: TransitionRequest): Promise<QueryRecord> {
  const rule = TRANSITIONS[req.transition];
  const { query, actor } = req;
  if (!rule.from.includes(query.status)) throw await refusal(deps, req, query);
  const now = deps.clock.now();
  const changed = await deps.store.transaction(async (tx) => {
    const ok = await tx.queries.updateIf(query.id, { ...req.expect, status: rule.from }, { ...req.patch, status: rule.to }, now);
    if (!ok) return false;
    await tx.events.append({
      queryId: query.id,
      actorId: actor.userId,
      type: rule.event,
      fromStatus: query.status,
      toStatus: rule.to,
      platform: actor.platform,
      detail: req.detail ?? null,
      createdAt: now,
    });
    await recordIntents(deps, tx, intentsForTransition(query, req.transition, actor), now);
    return true;
  });
  const current = await loadQuery(deps.store, query.id);
  if (!changed) throw await refusal(deps, req, current);
  announceCommitted(deps);
  return current;
}

async function refusal(deps: DeskDeps, req: TransitionRequest, current: QueryRecord): Promise<Error> {
  const rule = TRANSITIONS[req.transition];
  if (req.transition === 'claim' && current.status !== 'Open') {
    const winner = current.assigneeId === null ? null : await deps.store.users.findById(current.assigneeId);
    return new AlreadyClaimed(current.id, winner ? { id: winner.id, name: winner.displayName || winner.username } : null);
  }
  if (rule.from.includes(current.status)) {
    // The status still fits, so the extra condition failed: someone else took the query meanwhile.
    return new NotAuthorized(rule.verb, req.actor.role, `Query #${current.id} was reassigned meanwhile; nothing was changed.`);
  }
  return new NotInState(current.id, current.status, rule.from, rule.verb);
}
