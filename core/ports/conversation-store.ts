import type { NewAttachment, AttachmentMeta } from '../domain/attachment';
import type { ConversationThread, MessageCopy, PlaceAudience } from '../domain/conversation-place';
import type { Platform } from '../domain/platform';
import type {
  MessageRevision,
  MessageSource,
  NewParkedMessage,
  NewQueryMessage,
  ParkedMessage,
  QueryMessage,
} from '../domain/query-message';

export interface QueryMessageRepo {
  /**
   * Appends the message with its query's next seq (one writer per query at a time: the seq is taken from the
   * query's row inside the transaction). A message whose source was recorded before is not stored again:
   * `created` is false and the stored one is returned.
   */
  append(m: NewQueryMessage): Promise<{ message: QueryMessage; created: boolean }>;
  /** Stores a file sent with a message (checked and cleaned by the caller). */
  attach(messageId: number, file: NewAttachment): Promise<AttachmentMeta>;
  findById(id: number): Promise<QueryMessage | null>;
  findBySource(source: MessageSource): Promise<QueryMessage | null>;
  /** In seq order; internal notes only with `includeInternal`; after `afterSeq` when given. */
  forQuery(
    queryId: number,
    o: { includeInternal: boolean; afterSeq?: number; limit?: number },
  ): Promise<QueryMessage[]>;
  /** Changes the text (an edit) or blanks it (a deletion), keeping the text before as a revision; null: unknown id. */
  revise(
    id: number,
    change: { kind: 'edit'; text: string } | { kind: 'delete' },
    at: Date,
  ): Promise<QueryMessage | null>;
  revisions(messageId: number): Promise<MessageRevision[]>;
}

export interface ConversationThreadRepo {
  /** Records (or keeps, when already recorded) where a query's conversation is shown. */
  save(t: ConversationThread): Promise<void>;
  /** The query whose thread this is: by channel and root (root null: the channel is the thread). */
  find(platform: Platform, channelId: string, threadRootId: string | null): Promise<ConversationThread | null>;
  forQuery(queryId: number, platform?: Platform, audience?: PlaceAudience): Promise<ConversationThread[]>;
}

/** Who holds a place's delivery of a query's conversation, as for cards (see CardClaimant). */
export interface RelayClaim {
  held: boolean;
  /** The last seq delivered to the place (0: none). */
  deliveredSeq: number;
}

/**
 * Copies of messages at their places, and per (query, place) the last seq delivered, claimed before any
 * platform call so that two workers never deliver one place's messages side by side (order holds across
 * processes) and a copy is recorded once.
 */
export interface MessageCopyRepo {
  record(copy: MessageCopy): Promise<void>;
  forMessage(messageId: number): Promise<MessageCopy[]>;
  /** The copy a platform message is (a client replying to a relayed message). */
  findByPlatformMessage(platform: Platform, channelId: string, platformMessageId: string): Promise<MessageCopy | null>;
  claimPlace(queryId: number, placeKey: string, token: string, now: Date, staleBefore: Date): Promise<RelayClaim>;
  /**
   * Records `seq` as delivered (never moving back) while `token` still holds the claim; false when it no longer
   * does. With `now` the lease restarts from it, so a long delivery keeps its claim while it makes progress.
   */
  advancePlace(queryId: number, placeKey: string, seq: number, token: string, now?: Date): Promise<boolean>;
  releasePlace(queryId: number, placeKey: string, token: string): Promise<void>;
}

/** Clients' top-level DMs waiting for the client to say which query they belong to. */
export interface ParkedMessageRepo {
  /** Keeps the message with its files; one whose source was parked before is not kept again (`created` false). */
  park(m: NewParkedMessage): Promise<{ parked: ParkedMessage; created: boolean }>;
  findById(id: number): Promise<ParkedMessage | null>;
  findBySource(source: MessageSource): Promise<ParkedMessage | null>;
  /** Removes and returns it, to file it under a query; null when it is gone (another pick took it first). */
  take(id: number): Promise<ParkedMessage | null>;
  /** Forgets messages parked before `before` that were never filed; returns how many. */
  prune(before: Date): Promise<number>;
}
