import type { MessageVisibility } from '../domain/query-message';
import type { Role } from '../domain/roles';

/** A file as a copy carries it: the bytes are posted with the message. */
export interface CopyFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/**
 * One conversation message as a place shows it; each platform renders it (Block Kit, Discord content and
 * embeds, terminal text). Built by core from the stored message, so every platform says the same.
 */
export interface MessageCopyView {
  queryId: number;
  seq: number;
  authorName: string;
  authorRole: Role;
  visibility: MessageVisibility;
  /** User-written: rendered as plain text (escaped) by every adapter. '' once deleted. */
  text: string;
  files: CopyFile[];
  /**
   * What a staff place marks: a public message went to the client, an internal note did not. Client places show
   * public messages only and mark nothing.
   */
  mark: 'sentToClient' | 'internal' | null;
  edited: boolean;
  deleted: boolean;
}
