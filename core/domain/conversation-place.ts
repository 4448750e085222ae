import type { Platform } from './platform';

/**
 * Who reads a place: the staff (a support-channel thread: every message, internal ones marked) or the client
 * (their DM with the app: public messages only).
 */
export type PlaceAudience = 'staff' | 'client';

/**
 * Where a platform shows a query's conversation: Slack's thread under the card (support) or under the
 * "Query #N raised" DM (client); Discord's thread started from the card (support) or the client's DM channel.
 * `key` names the place for delivery cursors and copies ("slack:staff:C123"): stable across runs.
 */
export interface ConversationPlace {
  key: string;
  platform: Platform;
  audience: PlaceAudience;
  /** The channel messages are posted to (Discord: the thread's own channel id). */
  channelId: string;
  /** The message the thread hangs under (Slack thread_ts); null where the channel itself is the thread. */
  threadRootId: string | null;
}

/** A place recorded for a query, so a message written there is routed back to it. */
export interface ConversationThread {
  queryId: number;
  platform: Platform;
  audience: PlaceAudience;
  channelId: string;
  threadRootId: string | null;
  createdAt: Date;
}

/** A message as copied to a place: the platform's id of the copy, for edits, deletions and replies to it. */
export interface MessageCopy {
  messageId: number;
  queryId: number;
  placeKey: string;
  platform: Platform;
  channelId: string;
  platformMessageId: string;
}
