import type { AttachmentMeta } from './attachment';
import type { Platform } from './platform';
import type { Role } from './roles';

/** Public messages reach the client; internal notes stay with the staff. */
export const MESSAGE_VISIBILITIES = ['public', 'internal'] as const;
export type MessageVisibility = (typeof MESSAGE_VISIBILITIES)[number];

/**
 * Where a message was written on a chat platform: the platform's own id of it. Unique per platform and channel,
 * so a retried event (Slack's X-Slack-Retry-Num, Discord's resumed dispatch) stores nothing twice, and an edit or
 * a deletion finds the message again.
 */
export interface MessageSource {
  platform: Platform;
  channelId: string;
  messageId: string;
}

/** One message of a query's conversation. */
export interface QueryMessage {
  id: number;
  queryId: number;
  /** 1, 2, 3... within the query: the order every copy shows, whatever order deliveries run in. */
  seq: number;
  authorId: number;
  /** The author's role when they wrote it (a later role change does not rewrite history). */
  authorRole: Role;
  visibility: MessageVisibility;
  /** The text as it reads now ('' once deleted); earlier versions are kept as revisions. */
  text: string;
  attachments: AttachmentMeta[];
  /** null: written through a command or a form, not as a platform message. */
  source: MessageSource | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export type NewQueryMessage = Omit<QueryMessage, 'id' | 'seq' | 'attachments' | 'editedAt' | 'deletedAt'>;

/** What a message said before an edit or a deletion: the history keeps what was said. */
export interface MessageRevision {
  messageId: number;
  kind: 'edit' | 'delete';
  /** The text before the change. */
  previousText: string;
  at: Date;
}

/** A file sent with a parked message, kept as sent: it is checked when the message is filed under a query. */
export interface ParkedFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/**
 * A client's top-level direct message that could belong to several of their active queries: kept until the
 * client picks one (its source stays its idempotency key, so filing it stores it once).
 */
export interface ParkedMessage {
  id: number;
  authorId: number;
  source: MessageSource;
  text: string;
  files: ParkedFile[];
  createdAt: Date;
}

export type NewParkedMessage = Omit<ParkedMessage, 'id'>;
