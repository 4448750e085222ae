import type { ConversationPlace } from '../domain/conversation-place';
import type { QueryRecord } from '../domain/query';
import type { MessageCopyView } from '../views/message-copy';

/**
 * What a platform does for a query's conversation. Delivery order and once-only are core's (per place cursors
 * claimed across processes); a platform only posts, edits and deletes single copies, and throws on failure so
 * the job is retried (core's RetryLater where a place is not ready yet, e.g. the card is not posted).
 */
export interface ConversationNotifier {
  /**
   * The places this platform shows the query's conversation: its support thread in each support channel
   * (created where the platform needs one, recorded in the store), and the client's DM when the client is
   * reached on this platform (its thread root posted and recorded on first use). None when not configured.
   */
  conversationPlaces(q: QueryRecord): Promise<ConversationPlace[]>;
  /**
   * Where several platforms are combined: the places of those that answered, and the failure of those that did
   * not (null when none failed), so one platform being away does not hold back the others' deliveries; the job
   * then fails with `failure` and its retry serves the rest. Without it, conversationPlaces is all or nothing.
   */
  settledPlaces?(q: QueryRecord): Promise<{ places: ConversationPlace[]; failure: unknown }>;
  /** Posts one copy; returns the platform's id of the posted message. */
  postMessageCopy(place: ConversationPlace, copy: MessageCopyView): Promise<string>;
  /** Mirrors an edit (or a deletion, `copy.deleted`) on a copy posted earlier. */
  reviseMessageCopy(place: ConversationPlace, platformMessageId: string, copy: MessageCopyView): Promise<void>;
}
