import type { Actor } from '../domain/actor';
import type { QueryPatch, QueryRecord } from '../domain/query';
import type { QueryStatus } from '../domain/status';
import { AlreadyClaimed, NotAuthorized, NotInState } from '../errors';
import type { DeskDeps } from '../desk/desk-deps';
import type { ConditionalUpdate } from '../ports/store';
import { TRANSITIONS, type Transition } from '../lifecycle/transitions';
import { loadQuery } from './load-query';
import { announceCommitted, recordIntents } from '../notifications/announce';
import { intentsForTransition } from '../notifications/intents-for';

export interface TransitionRequest {
  queryId: number;
  /** The query as read before, when the use case needed it (a refusal is then told without a write). */
  query?: QueryRecord;
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
  const { queryId, actor } = req;
  if (req.query && !rule.from.includes(req.query.status)) throw await refusal(deps, req, req.query);
  const now = deps.clock.now();
  const changed = await deps.store.transaction(async (tx) => {
    const ok = await tx.queries.updateIf(
      queryId,
      { ...req.expect, status: rule.from },
      { ...req.patch, status: rule.to },
      now,
    );
    if (!ok) return null;
    // Read once, inside the change: what the answer shows and what the notifications name.
    const after = await loadQuery(tx, queryId);
    await tx.events.append({
      queryId,
      actorId: actor.userId,
      type: rule.event,
      fromStatus: req.query?.status ?? onlyFrom(rule.from, req.transition),
      toStatus: rule.to,
      platform: actor.platform,
      detail: req.detail ?? null,
      createdAt: now,
    });
    await recordIntents(deps, tx, intentsForTransition(after, req.transition, actor), now);
    return after;
  });
  if (!changed) throw await refusal(deps, req, await loadQuery(deps.store, queryId));
  announceCommitted(deps);
  return changed;
}

async function refusal(deps: DeskDeps, req: TransitionRequest, current: QueryRecord): Promise<Error> {
  const rule = TRANSITIONS[req.transition];
  if (req.transition === 'claim' && current.status !== 'Open') {
    const winner = current.assigneeId === null ? null : await deps.store.users.findById(current.assigneeId);
    return new AlreadyClaimed(
      current.id,
      winner ? { id: winner.id, name: winner.displayName || winner.username } : null,
    );
  }
  if (rule.from.includes(current.status)) {
    // The status still fits, so the extra condition failed: someone else took the query meanwhile.
    return new NotAuthorized(
      rule.verb,
      req.actor.role,
      `Query #${current.id} was reassigned meanwhile; nothing was changed.`,
    );
  }
  return new NotInState(current.id, current.status, rule.from, rule.verb);
}

/** Without a read before the change, the status it left is known only when the rule leaves one. */
function onlyFrom(from: readonly QueryStatus[], t: Transition): QueryStatus {
  if (from.length !== 1)
    throw new Error(`the ${t} transition leaves ${from.join(' or ')}: pass the query read before it`);
  return from[0]!;
}
