import type { Platform } from '../domain/platform';
import type { SlaAlertLevel, SlaClock } from '../sla/sla-alert';

/**
 * What should be said after a state change, as data: the delivery job loads the query fresh and
 * builds the message then, so a retried or late delivery never shows a stale card.
 */
export type NotificationIntent =
  /** Post the query's card to the support channels, or update it in place where it was posted. */
  | { kind: 'channelCard'; queryId: number }
  /** Tell the client who raised the query what happened, on the platform they used. */
  | { kind: 'tellClient'; queryId: number; event: 'claimed' | 'released' | 'reassigned' | 'closed' | 'reopened'; actorName: string; platform: Platform }
  /** An SLA level reached (recorded once in sla_alerts): a warning to the support channel, a breach to support and leads. */
  | { kind: 'slaAlert'; queryId: number; clock: SlaClock; level: SlaAlertLevel };
