import type { ChartSpec } from '../charts/chart-spec';
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
  /** Posts chart images where a command was issued; a notifier of another platform than the place's skips it. */
  postCharts(place: ChatPlace, charts: ChartImage[]): Promise<void>;
  /**
   * Posts a report (a digest) and its chart images to the support or leads channel (skipped where unset).
   * `deliveryKey` names it across retries of its job, as an alert's does.
   */
  postReport(channel: AlertChannel, report: Reply, charts: ChartImage[], deliveryKey?: string): Promise<void>;
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

/** A chart drawn for posting: its PNG, or null when the renderer refused the spec (its altText is posted instead). */
export interface ChartImage {
  spec: ChartSpec;
  png: Uint8Array | null;
}

/**
 * Where a command was issued, as the surface that received it describes it, so what follows the answer (chart
 * images) lands beside it. It travels in job data (JSON): plain values only.
 */
export type ChatPlace = SlackPlace | DiscordPlace;

export interface SlackPlace {
  platform: 'slack';
  teamId: string;
  userId: string;
  channelId: string;
  threadTs?: string;
  /**
   * The channel shows the charts to no one who should not see them: the asker's DM with the app, or the leads
   * channel. Without it (any other channel, or a job queued before it existed) they go to the asker's DM.
   */
  privateChannel?: boolean;
}

export interface DiscordPlace {
  platform: 'discord';
  applicationId: string;
  /** The interaction's token: follow-ups use it for 15 minutes. A secret of sorts: never logged. */
  interactionToken: string;
  userId: string;
  /** null when Discord did not say (the window then is the only way). */
  channelId: string | null;
  /** When the interaction was received (epoch ms), for its 15-minute window. */
  receivedAt: number;
  /** The answer was seen by the caller only; its charts are too (ephemeral follow-ups, or a DM once the window is over). */
  ephemeral: boolean;
}
