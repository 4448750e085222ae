import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../sla/sla-policy';
import { DEFAULT_CATEGORIES } from './categories';

/** Settings core decisions depend on; the entry points build it from the environment. */
export interface DeskConfig {
  categories: readonly string[];
  sla: SlaPolicy;
  /** How long after closure the client may reopen a query. */
  reopenWindowDays: number;
  /** Failed sign-ins before a lock, and how long the lock lasts. */
  maxFailedLogins: number;
  lockMinutes: number;
  /** Largest screenshot accepted, in bytes. */
  maxScreenshotBytes: number;
  /** Largest file sent with a conversation message (an image, a PDF, a text file), in bytes. */
  maxMessageFileBytes: number;
  /**
   * A staff message in a support thread starting with this goes to the client (the prefix removed); any other
   * is kept as an internal note, so nothing reaches the client by accident.
   */
  publicReplyPrefix: string;
}

export const DEFAULT_DESK_CONFIG: DeskConfig = {
  categories: DEFAULT_CATEGORIES,
  sla: DEFAULT_SLA_POLICY,
  reopenWindowDays: 7,
  maxFailedLogins: 5,
  lockMinutes: 15,
  maxScreenshotBytes: 5 * 1024 * 1024,
  maxMessageFileBytes: 5 * 1024 * 1024,
  publicReplyPrefix: '!reply',
};
