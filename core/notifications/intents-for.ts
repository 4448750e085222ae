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

export function intentsForCreated(q: QueryRecord): NotificationIntent[] {
  return [{ kind: 'channelCard', queryId: q.id }];
}

/** Every change updates the channel card; the client hears of the ones that concern them. */
export function intentsForTransition(q: QueryRecord, t: Transition, actor: Actor): NotificationIntent[] {
  const event = TOLD[t];
  const out: NotificationIntent[] = [{ kind: 'channelCard', queryId: q.id }];
  if (event) out.push({ kind: 'tellClient', queryId: q.id, event, actorName: actor.username, platform: q.platform });
  return out;
}
