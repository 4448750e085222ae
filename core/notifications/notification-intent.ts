import type { Platform } from '../domain/platform';
import type { AlertChannel } from '../ports/notifier';
import type { SlaAlertLevel, SlaClock } from '../sla/sla-alert';

/**
 * What should be said after a state change, as data: the delivery job loads the query fresh and
 * builds the message then, so a retried or late delivery never shows a stale card.
 */
export type NotificationIntent =
  /** Post the query's card to the support channels, or update it in place where it was posted. */
  | { kind: 'channelCard'; queryId: number }
  /** Tell the client who raised the query what happened, on the platform they used. */
  | {
      kind: 'tellClient';
      queryId: number;
      event: 'claimed' | 'released' | 'reassigned' | 'closed' | 'reopened';
      actorName: string;
      platform: Platform;
    }
  /**
   * Deliver every message of the query's conversation not yet at each of its places, in seq order (one intent
   * serves any number of messages: the places' cursors say what is left). Also posts the client's DM thread root.
   */
  | { kind: 'conversation'; queryId: number }
  /** Mirror a message's edit or deletion on every copy of it. */
  | { kind: 'messageRevised'; queryId: number; messageId: number }
  /**
   * An SLA level reached (recorded once in sla_alerts), for one channel: a warning goes to support, a breach to
   * support and leads, one intent each, so a retry after one channel failed does not post to the other again.
   */
  | { kind: 'slaAlert'; queryId: number; clock: SlaClock; level: SlaAlertLevel; channel: AlertChannel };
