import type { Platform } from '../domain/platform';
import type { CardView, Reply } from '../views/view-model';

/** Delivers messages on chat platforms; one implementation per platform, fanned out by a composite. */
export interface Notifier {
  /** Posts the card in the platform's support channel, or updates the message posted earlier for this query. */
  upsertChannelCard(queryId: number, card: CardView): Promise<void>;
  /** Sends a direct message to a CQMS user's linked account on this platform; false when it cannot. */
  sendDirect(userId: number, platform: Platform, reply: Reply): Promise<boolean>;
  /** Posts an alert to the support or leads channel (a platform without that channel skips it). */
  postAlert(channel: AlertChannel, alert: AlertNotice): Promise<void>;
}

export type AlertChannel = 'support' | 'leads';

/** An alert as plain text (each platform escapes it), led by a mention of the user it concerns, if any. */
export interface AlertNotice {
  queryId: number;
  text: string;
  /** Mentioned by their linked account on the platform when they have one, else by name. */
  mention: { userId: number; name: string } | null;
  /**
   * Names this alert across retries of its job: a platform that posted it records the key, so a retry after
   * another platform failed does not post it there again.
   */
  deliveryKey?: string;
}
