import type { CreationOptional, InferAttributes, InferCreationAttributes, Model } from 'sequelize';
import type { EventType } from '../../core/domain/event';
import type { PlaceAudience } from '../../core/domain/conversation-place';
import type { Platform } from '../../core/domain/platform';
import type { MessageRevision, MessageVisibility } from '../../core/domain/query-message';
import type { Role } from '../../core/domain/roles';
import type { QueryStatus } from '../../core/domain/status';
import type { PasswordScheme } from '../../core/domain/user';
import type { SlaAlertLevel, SlaClock } from '../../core/sla/sla-alert';

/**
 * What each table holds, attribute by attribute, as the drivers return it (with the connection options of
 * connect.ts, BIGINT epoch milliseconds arrive as numbers on both). Enumerated strings carry the core type:
 * the desk writes nothing else into them.
 */

/** BOOLEAN columns: written as booleans, read back raw as 0/1 by both drivers. */
export type DbBool = boolean | 0 | 1;

/** A table's row as Sequelize types it from the attribute declarations below. */
type Row<M extends Model> = Model<InferAttributes<M>, InferCreationAttributes<M>>;

export interface UserRow extends Row<UserRow> {
  id: CreationOptional<number>;
  username: string;
  email: string | null;
  mobile: string | null;
  displayName: string;
  role: Role;
  passwordHash: string | null;
  passwordScheme: PasswordScheme | null;
  createdAt: number;
}

export interface LoginAttemptRow extends Row<LoginAttemptRow> {
  subject: string;
  failures: number;
  lockedUntil: number | null;
}

export interface AgentRow extends Row<AgentRow> {
  userId: number;
  displayName: string;
  active: DbBool;
  createdAt: number;
}

export interface IdentityRow extends Row<IdentityRow> {
  id: CreationOptional<number>;
  platform: Platform;
  workspaceId: string;
  platformUserId: string;
  userId: number;
  linkedAt: number;
}

export interface QueryRow extends Row<QueryRow> {
  id: CreationOptional<number>;
  externalRef: string | null;
  clientId: number;
  category: string;
  heading: string;
  description: string;
  mobile: string | null;
  mobileValid: DbBool;
  status: QueryStatus;
  assigneeId: number | null;
  platform: Platform;
  createdAt: number;
  claimedAt: number | null;
  closedAt: number | null;
  resolutionNote: string | null;
  resolutionMs: number | null;
  firstResponseMs: number | null;
  reopenCount: number;
  updatedAt: number;
  /** The conversation's columns (migration 013), defaulted by the database for new and imported rows. */
  waitingSince: CreationOptional<number | null>;
  waitedMs: CreationOptional<number>;
  messageCount: CreationOptional<number>;
  firstReplyMs: CreationOptional<number | null>;
}

export interface ReviewRow extends Row<ReviewRow> {
  id: CreationOptional<number>;
  queryId: number;
  clientId: number;
  rating: number;
  comment: string | null;
  createdAt: number;
}

export interface AttachmentRow extends Row<AttachmentRow> {
  id: CreationOptional<number>;
  queryId: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  data: Buffer;
  createdAt: number;
  /** The message the file was sent with (migration 013); null: one of the files the query was raised with. */
  messageId: CreationOptional<number | null>;
}

export interface EventRow extends Row<EventRow> {
  id: CreationOptional<number>;
  queryId: number;
  actorId: number | null;
  type: EventType;
  fromStatus: QueryStatus | null;
  toStatus: QueryStatus | null;
  platform: Platform;
  /** JSON text. */
  detail: string | null;
  createdAt: number;
}

export interface MessageRefRow extends Row<MessageRefRow> {
  id: CreationOptional<number>;
  platform: Platform;
  channelId: string;
  queryId: number;
  /** Null while the first post of the card is claimed and not made yet. */
  messageId: string | null;
  cardVersion: number;
  updatedAt: number;
  /** Who holds the card's claim (migration 012): its token, its process, since when (epoch ms); null when free. */
  claimToken: CreationOptional<string | null>;
  claimHolder: CreationOptional<string | null>;
  claimedAt: CreationOptional<number | null>;
}

export interface IdempotencyKeyRow extends Row<IdempotencyKeyRow> {
  key: string;
  createdAt: number;
}

export interface SlaAlertRow extends Row<SlaAlertRow> {
  id: CreationOptional<number>;
  queryId: number;
  clock: SlaClock;
  level: SlaAlertLevel;
  dueAt: number;
  firedAt: number;
}

export interface OutboxRow extends Row<OutboxRow> {
  id: CreationOptional<number>;
  /** The job as JSON text. */
  job: string;
  createdAt: number;
  sentAt: number | null;
  doneAt: number | null;
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
}

export interface QueueHolderRow extends Row<QueueHolderRow> {
  id: string;
  process: string;
  seenAt: number;
}

export interface QueryMessageRow extends Row<QueryMessageRow> {
  id: CreationOptional<number>;
  queryId: number;
  seq: number;
  authorId: number;
  authorRole: Role;
  visibility: MessageVisibility;
  body: string;
  /** All three set, or all three null (written through a command or a form). */
  sourcePlatform: Platform | null;
  sourceChannel: string | null;
  sourceMessageId: string | null;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
}

export interface MessageRevisionRow extends Row<MessageRevisionRow> {
  id: CreationOptional<number>;
  messageId: number;
  kind: MessageRevision['kind'];
  previousText: string;
  at: number;
}

export interface ConversationThreadRow extends Row<ConversationThreadRow> {
  id: CreationOptional<number>;
  queryId: number;
  platform: Platform;
  audience: PlaceAudience;
  channelId: string;
  /** '' where the channel itself is the thread (the unique key would not compare NULLs). */
  threadRootId: string;
  createdAt: number;
}

export interface MessageCopyRow extends Row<MessageCopyRow> {
  id: CreationOptional<number>;
  messageId: number;
  queryId: number;
  placeKey: string;
  platform: Platform;
  channelId: string;
  platformMessageId: string;
}

export interface RelayCursorRow extends Row<RelayCursorRow> {
  queryId: number;
  placeKey: string;
  deliveredSeq: number;
  /** The delivery run holding the place, since when (epoch ms); null when free. */
  claimToken: string | null;
  claimedAt: number | null;
}

export interface ParkedMessageRow extends Row<ParkedMessageRow> {
  id: CreationOptional<number>;
  authorId: number;
  platform: Platform;
  channelId: string;
  messageId: string;
  body: string;
  createdAt: number;
}

export interface ParkedFileRow extends Row<ParkedFileRow> {
  id: CreationOptional<number>;
  parkedId: number;
  filename: string;
  contentType: string;
  data: Buffer;
}
