import type { Actor } from '../domain/actor';
import type { QueryRecord } from '../domain/query';
import type { Transition } from '../lifecycle/transitions';
import type { NotificationIntent } from './notification-intent';

const TOLD: Record<Transition, 'claimed' | 'released' | 'reassigned' | 'closed' | null> = {
  claim: 'claimed',
  release: 'released',
  reassign: 'reassigned',
  close: 'closed',
  reopen: null,
};

/** The card, and the conversation's places (the client's DM thread is rooted at once). */
export function intentsForCreated(q: QueryRecord): NotificationIntent[] {
  return [
    { kind: 'channelCard', queryId: q.id },
    { kind: 'conversation', queryId: q.id },
  ];
}

/** A message goes to every place; the card changes only when the message ended a wait on the client. */
export function intentsForMessage(q: Pick<QueryRecord, 'id'>, cardChanged: boolean): NotificationIntent[] {
  return [
    { kind: 'conversation', queryId: q.id },
    ...(cardChanged ? [{ kind: 'channelCard' as const, queryId: q.id }] : []),
  ];
}

/** Every change updates the channel card; the client hears of the ones that concern them. */
export function intentsForTransition(q: QueryRecord, t: Transition, actor: Actor): NotificationIntent[] {
  const event = TOLD[t];
  const out: NotificationIntent[] = [{ kind: 'channelCard', queryId: q.id }];
  if (event) out.push({ kind: 'tellClient', queryId: q.id, event, actorName: actor.username, platform: q.platform });
  return out;
}
