import type { Platform } from '../domain/platform';

/**
 * What should be said after a state change, as data: the delivery job loads the query fresh and
 * builds the message then, so a retried or late delivery never shows a stale card.
 */
export type NotificationIntent =
  /** Post the query's card to the support channels, or update it in place where it was posted. */
  | { kind: 'channelCard'; queryId: number }
  /** Tell the client who raised the query what happened, on the platform they used. */
  | { kind: 'tellClient'; queryId: number; event: 'claimed' | 'released' | 'reassigned' | 'closed' | 'reopened'; actorName: string; platform: Platform };
