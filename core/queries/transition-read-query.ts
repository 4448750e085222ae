import type { Actor } from '../domain/actor';
import type { QueryRecord } from '../domain/query';
import type { DeskDeps } from '../desk/desk-deps';
import type { Transition } from '../lifecycle/transitions';
import { applyTransition, type TransitionRequest } from './apply-transition';

/** What a transition changes beside the status, the row conditions it adds and what its event records. */
export type TransitionChange = Pick<TransitionRequest, 'patch' | 'expect' | 'detail'>;

/**
 * Applies `transition` to a query the use case read (and checked) first, so a refusal is told without a write.
 * Close, release, reopen and reassign all come through here; claim alone reads nothing before its update.
 */
export function transitionReadQuery(
  deps: DeskDeps,
  actor: Actor,
  query: QueryRecord,
  transition: Transition,
  change: TransitionChange,
): Promise<QueryRecord> {
  return applyTransition(deps, { queryId: query.id, query, actor, transition, ...change });
}
