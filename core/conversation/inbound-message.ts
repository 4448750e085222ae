import type { Reply } from '../views/view-model';
import type { Conversation } from './conversation';
import type { PlaceAudience } from '../domain/conversation-place';
import type { MessageSource } from '../domain/query-message';

/** A file sent with a chat message, as the surface fetched it (size-capped by the surface). */
export interface InboundFile {
  filename: string;
  /** What the platform says it is; core reads the bytes to decide. */
  contentType: string;
  data: Uint8Array;
}

/**
 * A message a person wrote on a platform, as the surface saw it: where (a support thread, or a DM with the app),
 * in reply to what, and what it says. Core decides which query it belongs to, whether it may be stored, and with
 * which visibility.
 */
export interface InboundMessage {
  source: MessageSource;
  /** staff: a thread in a support channel; client: a direct message with the app. */
  where: PlaceAudience;
  /** Slack thread_ts (a support thread, or a DM thread); Discord: the thread channel is the channel, so null. */
  threadRootId: string | null;
  /** The platform message this one replies to (Discord's message_reference), when any. */
  repliesTo: string | null;
  text: string;
  files: InboundFile[];
  at: Date;
}

export interface InboundEdit {
  source: MessageSource;
  text: string;
  at: Date;
}

export interface InboundDelete {
  source: MessageSource;
  at: Date;
}

/**
 * The desk's ways in for conversation messages: every surface hands what it heard here, and core decides
 * (which query, who may write, which visibility). Implemented by Desk.
 */
export interface ConversationIntake {
  /** A message heard; the answer (when not null) is for its writer only: a refusal, a question, a hint. */
  hear(conv: Conversation, m: InboundMessage): Promise<Reply | null>;
  /** The writer edited a message heard earlier; unknown sources are ignored. */
  heardEdit(conv: Conversation, e: InboundEdit): Promise<void>;
  /** A message heard earlier was deleted; unknown sources are ignored. */
  heardDelete(conv: Conversation, e: InboundDelete): Promise<void>;
}
