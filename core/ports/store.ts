import type { AgentRecord } from '../domain/agent';
import type { AttachmentMeta, NewAttachment } from '../domain/attachment';
import type { NewQueryEvent, QueryEvent } from '../domain/event';
import type { PlatformIdentity } from '../domain/identity';
import type { NewQueryRow, Page, PageOf, QueryFilter, QueryPatch, QueryRecord } from '../domain/query';
import type { NewReviewRow, ReviewRecord } from '../domain/review';
import type { Role } from '../domain/roles';
import type { QueryStatus } from '../domain/status';
import type { NewUserRow, UserRecord } from '../domain/user';
import type { BulkQueryImport } from '../imports/bulk-query-import';
import type { SlaAlertLevel, SlaAlertRecord, SlaCandidate, SlaClock, SlaSweepBounds } from '../sla/sla-alert';
import type { AnalyticsStore } from './analytics-store';
import type {
  ConversationThreadRepo,
  MessageCopyRepo,
  ParkedMessageRepo,
  QueryMessageRepo,
} from './conversation-store';
import type { LoginAttemptRepo } from './login-attempts';
import type { OutboxRepo } from './outbox';
import type { QueueHolderRepo } from './queue-holders';

export interface UserRepo {
  insert(row: NewUserRow): Promise<UserRecord>;
  findById(id: number): Promise<UserRecord | null>;
  findByIds(ids: number[]): Promise<UserRecord[]>;
  /** Matches username, email or mobile exactly (already normalized by the caller). */
  findByLogin(login: { username?: string; email?: string; mobile?: string }): Promise<UserRecord[]>;
  list(filter: { role?: Role }, page: Page): Promise<PageOf<UserRecord>>;
  setRole(id: number, role: Role): Promise<void>;
  setPassword(id: number, hash: string, scheme: UserRecord['passwordScheme']): Promise<void>;
  /** Ids of the accounts with these (normalized) emails. */
  idsByEmail(emails: readonly string[]): Promise<Map<string, number>>;
  /** Creates password-less client accounts for imported emails; returns email -> id. */
  insertClients(rows: readonly { email: string; createdAt: Date }[]): Promise<Map<string, number>>;
}

export interface AgentRepo {
  upsert(agent: AgentRecord): Promise<void>;
  setActive(userId: number, active: boolean): Promise<void>;
  list(onlyActive: boolean): Promise<AgentRecord[]>;
}

export interface ConditionalUpdate {
  status: readonly QueryStatus[];
  /** When set, the row must also be assigned to this user (null: unassigned). */
  assigneeId?: number | null;
}

export interface QueryRepo {
  insert(row: NewQueryRow): Promise<QueryRecord>;
  findById(id: number): Promise<QueryRecord | null>;
  findByExternalRef(ref: string): Promise<QueryRecord | null>;
  /**
   * Applies the patch only while the row still matches `expect`, in one statement, so concurrent
   * transitions of one row cannot both succeed. Returns whether the row was changed.
   */
  updateIf(id: number, expect: ConditionalUpdate, patch: QueryPatch, now: Date): Promise<boolean>;
  list(filter: QueryFilter, page: Page): Promise<PageOf<QueryRecord>>;
  /** Which of these external ids are already stored. */
  existingRefs(refs: readonly string[]): Promise<string[]>;
  /** Bulk insert for imports, in as few statements as the driver allows. */
  insertMany(rows: readonly NewQueryRow[], now: Date): Promise<void>;
  /**
   * Open and In Progress queries (id order, after `afterId`) that may have an SLA level not yet recorded:
   * rows created after every bound, or with all reachable levels recorded, are left to the database.
   */
  activeForSla(page: { afterId: number; limit: number }, bounds: SlaSweepBounds): Promise<SlaCandidate[]>;
}

export interface SlaAlertFilter {
  from?: Date;
  to?: Date;
  level?: SlaAlertLevel;
  category?: string;
}

/** SLA alerts fired, one row per (query, clock, level): the unique key decides across workers. */
export interface SlaAlertRepo {
  /** Records the alert; false when it was recorded before (by this process or another). */
  record(alert: SlaAlertRecord): Promise<boolean>;
  /** Newest first by fired time, with the query's category. */
  list(filter: SlaAlertFilter, page: Page): Promise<(SlaAlertRecord & { category: string })[]>;
  countByCategory(
    filter: SlaAlertFilter,
  ): Promise<{ category: string; clock: SlaClock; level: SlaAlertLevel; count: number }[]>;
}

export interface EventRepo {
  append(event: NewQueryEvent): Promise<void>;
  forQuery(queryId: number): Promise<QueryEvent[]>;
}

export interface ReviewRepo {
  /** Returns false when the query already has a review (unique per query). */
  insertOnce(row: NewReviewRow): Promise<boolean>;
  forQuery(queryId: number): Promise<ReviewRecord | null>;
}

export interface AttachmentRepo {
  insert(a: NewAttachment): Promise<AttachmentMeta>;
  forQuery(queryId: number): Promise<AttachmentMeta[]>;
  read(id: number): Promise<{ meta: AttachmentMeta; data: Uint8Array } | null>;
}

export interface IdentityRepo {
  find(
    platform: PlatformIdentity['platform'],
    workspaceId: string,
    platformUserId: string,
  ): Promise<PlatformIdentity | null>;
  /** Links (or re-links) a platform account to a user. */
  link(identity: PlatformIdentity): Promise<void>;
  unlink(platform: PlatformIdentity['platform'], workspaceId: string, platformUserId: string): Promise<void>;
  forUser(userId: number): Promise<PlatformIdentity[]>;
}

export interface MessageRef {
  platform: PlatformIdentity['platform'];
  channelId: string;
  queryId: number;
  messageId: string;
  /** The version of the card the message shows (0: unknown), or is being posted or edited to show. */
  cardVersion?: number;
}

/** Who holds a card's claim: this run (`token`) of an OS process (`process`, to tell whether it still runs). */
export interface CardClaimant {
  token: string;
  process: string;
}

export type CardClaim =
  /** This run holds the card: post it when there is no message yet, else edit that message. */
  | { held: true; messageId: string | null }
  /**
   * Not taken: a newer card is shown (`holder` null), or another run holds the card since `since`. A newer
   * card never makes a holder wait: only runs whose card is at least as new as the one shown claim it.
   */
  | { held: false; shownVersion: number; holder: (CardClaimant & { since: Date }) | null };

export interface MessageRefRepo {
  /** The message holding a query's card in a channel; null when none was posted yet (or its post is in flight). */
  find(platform: MessageRef['platform'], channelId: string, queryId: number): Promise<MessageRef | null>;
  /** Records (or moves) the message holding a query's card in a channel (a platform whose post cannot race). */
  save(ref: MessageRef, now: Date): Promise<void>;
  /**
   * Claims a query's card in a channel before any platform call on it, across processes: the first claim
   * writes the row with no message id (one winner by the unique key); later ones take the row when it is free
   * and shows no newer version than `version` (recorded as the card's at once), when its claim is older than
   * `staleBefore` (the lease ran out), or when it is held by `goneToken` (a holder known dead).
   */
  claimCard(
    ref: Omit<MessageRef, 'messageId' | 'cardVersion'>,
    version: number | undefined,
    by: CardClaimant,
    now: Date,
    o: { staleBefore: Date; goneToken?: string },
  ): Promise<CardClaim>;
  /** Records the message the card is in and frees the claim; false when the claim is no longer this run's. */
  finishCard(ref: MessageRef, token: string, now: Date): Promise<boolean>;
  /** Frees this run's claim after a failed platform call (a card never posted is forgotten); another run's is left alone. */
  releaseCard(ref: Omit<MessageRef, 'messageId' | 'cardVersion'>, token: string): Promise<void>;
}

/** Keys of requests already handled, so a request delivered twice (a double-submitted modal) acts once. */
export interface IdempotencyRepo {
  /** Records the key; false when it was recorded before (by this process or another). */
  claim(key: string, now: Date): Promise<boolean>;
  /**
   * Forgets the key, so a request that failed may be sent again. With `heldSince`, only while the key is still
   * the claim recorded then: a holder whose claim was taken over (its lease ran out) leaves the new one alone.
   */
  release(key: string, heldSince?: Date): Promise<void>;
  /** Whether the key is recorded. */
  seen(key: string): Promise<boolean>;
  /**
   * Takes over a key recorded before `staleBefore` (its holder presumed dead) by recording it anew at `now`;
   * false when the key is younger or absent. Of several racing takers exactly one wins.
   */
  takeOver(key: string, staleBefore: Date, now: Date): Promise<boolean>;
  /** When the key was recorded (or last taken over); null when it is not. */
  claimedAt(key: string): Promise<Date | null>;
  /** Deletes keys recorded before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** Repositories bound to one transaction (or to autocommit outside one). */
export interface StoreTx {
  users: UserRepo;
  loginAttempts: LoginAttemptRepo;
  agents: AgentRepo;
  queries: QueryRepo;
  events: EventRepo;
  reviews: ReviewRepo;
  attachments: AttachmentRepo;
  identities: IdentityRepo;
  messageRefs: MessageRefRepo;
  idempotency: IdempotencyRepo;
  slaAlerts: SlaAlertRepo;
  /** Jobs written with the change that caused them (notifications); a relay moves them to the queue. */
  outbox: OutboxRepo;
  /** Processes running outbox jobs in their own memory, so others can take over their rows once they are gone. */
  queueHolders: QueueHolderRepo;
  /** A query's conversation: its messages in seq order, their revisions and files. */
  messages: QueryMessageRepo;
  /** Where each query's conversation is shown on a platform (support threads, client DM threads). */
  threads: ConversationThreadRepo;
  /** Copies of messages at their places, and the per-place delivery cursors. */
  copies: MessageCopyRepo;
  /** Clients' direct messages waiting for the client to pick their query. */
  parked: ParkedMessageRepo;
}

export interface Store extends StoreTx {
  /** Runs fn in one database transaction: all of its writes land, or none. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  analytics: AnalyticsStore;
  /** A set-based import for large files, where the engine has one (MySQL); null: import in batches. */
  openBulkImport(): Promise<BulkQueryImport | null>;
  /** Which engine backs the store, for messages and benchmarks. */
  readonly dialect: 'mysql' | 'sqlite';
  close(): Promise<void>;
}
