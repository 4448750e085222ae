import { DataTypes, type ModelStatic, type Sequelize } from 'sequelize';
import type {
  AgentRow,
  AttachmentRow,
  ConversationThreadRow,
  EventRow,
  IdempotencyKeyRow,
  IdentityRow,
  LoginAttemptRow,
  MessageCopyRow,
  MessageRefRow,
  MessageRevisionRow,
  OutboxRow,
  ParkedFileRow,
  ParkedMessageRow,
  QueryMessageRow,
  QueryRow,
  QueueHolderRow,
  RelayCursorRow,
  ReviewRow,
  SlaAlertRow,
  UserRow,
} from './tables';

export interface Models {
  User: ModelStatic<UserRow>;
  LoginAttempt: ModelStatic<LoginAttemptRow>;
  Agent: ModelStatic<AgentRow>;
  Identity: ModelStatic<IdentityRow>;
  Query: ModelStatic<QueryRow>;
  Review: ModelStatic<ReviewRow>;
  Attachment: ModelStatic<AttachmentRow>;
  Event: ModelStatic<EventRow>;
  MessageRef: ModelStatic<MessageRefRow>;
  IdempotencyKey: ModelStatic<IdempotencyKeyRow>;
  SlaAlert: ModelStatic<SlaAlertRow>;
  Outbox: ModelStatic<OutboxRow>;
  QueueHolder: ModelStatic<QueueHolderRow>;
  QueryMessage: ModelStatic<QueryMessageRow>;
  MessageRevision: ModelStatic<MessageRevisionRow>;
  ConversationThread: ModelStatic<ConversationThreadRow>;
  MessageCopy: ModelStatic<MessageCopyRow>;
  RelayCursor: ModelStatic<RelayCursorRow>;
  ParkedMessage: ModelStatic<ParkedMessageRow>;
  ParkedFile: ModelStatic<ParkedFileRow>;
}

// Sequelize writes into attribute definitions, so every attribute needs its own object.
const ms = () => ({ type: DataTypes.BIGINT });
const str = () => ({ type: DataTypes.STRING });
const int = () => ({ type: DataTypes.INTEGER });
const bool = () => ({ type: DataTypes.BOOLEAN });
const text = () => ({ type: DataTypes.TEXT });
const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
const opts = (tableName: string) => ({ tableName, underscored: true, timestamps: false });

/** Maps the tables the migrations create; the migrations, not these models, own the schema. */
export function defineModels(s: Sequelize): Models {
  return {
    User: s.define<UserRow>(
      'User',
      {
        id: pk(),
        username: str(),
        email: str(),
        mobile: str(),
        displayName: str(),
        role: str(),
        passwordHash: str(),
        passwordScheme: str(),
        createdAt: ms(),
      },
      opts('users'),
    ),
    LoginAttempt: s.define<LoginAttemptRow>(
      'LoginAttempt',
      { subject: { ...str(), primaryKey: true }, failures: int(), lockedUntil: ms() },
      opts('login_attempts'),
    ),
    Agent: s.define<AgentRow>(
      'Agent',
      { userId: { ...int(), primaryKey: true }, displayName: str(), active: bool(), createdAt: ms() },
      opts('support_agents'),
    ),
    Identity: s.define<IdentityRow>(
      'Identity',
      { id: pk(), platform: str(), workspaceId: str(), platformUserId: str(), userId: int(), linkedAt: ms() },
      opts('platform_identities'),
    ),
    Query: s.define<QueryRow>(
      'Query',
      {
        id: pk(),
        externalRef: str(),
        clientId: int(),
        category: str(),
        heading: str(),
        description: text(),
        mobile: str(),
        mobileValid: bool(),
        status: str(),
        assigneeId: int(),
        platform: str(),
        createdAt: ms(),
        claimedAt: ms(),
        closedAt: ms(),
        resolutionNote: text(),
        resolutionMs: ms(),
        firstResponseMs: ms(),
        reopenCount: int(),
        updatedAt: ms(),
        waitingSince: ms(),
        waitedMs: ms(),
        messageCount: int(),
        firstReplyMs: ms(),
      },
      opts('client_queries'),
    ),
    Review: s.define<ReviewRow>(
      'Review',
      { id: pk(), queryId: int(), clientId: int(), rating: int(), comment: text(), createdAt: ms() },
      opts('client_reviews'),
    ),
    Attachment: s.define<AttachmentRow>(
      'Attachment',
      {
        id: pk(),
        queryId: int(),
        filename: str(),
        contentType: str(),
        size: int(),
        sha256: str(),
        data: { type: DataTypes.BLOB },
        createdAt: ms(),
        messageId: int(),
      },
      opts('attachments'),
    ),
    Event: s.define<EventRow>(
      'Event',
      {
        id: { ...pk(), type: DataTypes.BIGINT },
        queryId: int(),
        actorId: int(),
        type: str(),
        fromStatus: str(),
        toStatus: str(),
        platform: str(),
        detail: text(),
        createdAt: ms(),
      },
      opts('query_events'),
    ),
    MessageRef: s.define<MessageRefRow>(
      'MessageRef',
      {
        id: pk(),
        platform: str(),
        channelId: str(),
        queryId: int(),
        messageId: str(),
        cardVersion: ms(),
        updatedAt: ms(),
        claimToken: str(),
        claimHolder: str(),
        claimedAt: ms(),
      },
      opts('message_refs'),
    ),
    IdempotencyKey: s.define<IdempotencyKeyRow>(
      'IdempotencyKey',
      { key: { ...str(), primaryKey: true }, createdAt: ms() },
      opts('idempotency_keys'),
    ),
    SlaAlert: s.define<SlaAlertRow>(
      'SlaAlert',
      { id: pk(), queryId: int(), clock: str(), level: str(), dueAt: ms(), firedAt: ms() },
      opts('sla_alerts'),
    ),
    Outbox: s.define<OutboxRow>(
      'Outbox',
      {
        id: { ...pk(), type: DataTypes.BIGINT },
        job: text(),
        createdAt: ms(),
        sentAt: ms(),
        doneAt: ms(),
        attempts: int(),
        leaseOwner: str(),
        leaseUntil: ms(),
      },
      opts('outbox'),
    ),
    QueueHolder: s.define<QueueHolderRow>(
      'QueueHolder',
      { id: { type: DataTypes.STRING, primaryKey: true }, process: str(), seenAt: ms() },
      opts('queue_holders'),
    ),
    ...conversationModels(s),
  };
}

/** The conversation's tables (migration 013). */
function conversationModels(s: Sequelize) {
  return {
    QueryMessage: s.define<QueryMessageRow>(
      'QueryMessage',
      {
        id: pk(),
        queryId: int(),
        seq: int(),
        authorId: int(),
        authorRole: str(),
        visibility: str(),
        body: text(),
        sourcePlatform: str(),
        sourceChannel: str(),
        sourceMessageId: str(),
        createdAt: ms(),
        editedAt: ms(),
        deletedAt: ms(),
      },
      opts('query_messages'),
    ),
    MessageRevision: s.define<MessageRevisionRow>(
      'MessageRevision',
      { id: pk(), messageId: int(), kind: str(), previousText: text(), at: ms() },
      opts('message_revisions'),
    ),
    ConversationThread: s.define<ConversationThreadRow>(
      'ConversationThread',
      {
        id: pk(),
        queryId: int(),
        platform: str(),
        audience: str(),
        channelId: str(),
        threadRootId: str(),
        createdAt: ms(),
      },
      opts('conversation_threads'),
    ),
    MessageCopy: s.define<MessageCopyRow>(
      'MessageCopy',
      {
        id: pk(),
        messageId: int(),
        queryId: int(),
        placeKey: str(),
        platform: str(),
        channelId: str(),
        platformMessageId: str(),
      },
      opts('message_copies'),
    ),
    RelayCursor: s.define<RelayCursorRow>(
      'RelayCursor',
      {
        queryId: { ...int(), primaryKey: true },
        placeKey: { ...str(), primaryKey: true },
        deliveredSeq: int(),
        claimToken: str(),
        claimedAt: ms(),
      },
      opts('relay_cursors'),
    ),
    ParkedMessage: s.define<ParkedMessageRow>(
      'ParkedMessage',
      { id: pk(), authorId: int(), platform: str(), channelId: str(), messageId: str(), body: text(), createdAt: ms() },
      opts('parked_messages'),
    ),
    ParkedFile: s.define<ParkedFileRow>(
      'ParkedFile',
      { id: pk(), parkedId: int(), filename: str(), contentType: str(), data: { type: DataTypes.BLOB } },
      opts('parked_files'),
    ),
  };
}
