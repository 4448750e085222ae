import type { DeskConfig } from '../config/desk-config';
import type { Clock } from '../ports/clock';
import type { JobQueue } from '../ports/job-queue';
import type { ImageCleaner } from '../ports/image-cleaner';
import type { PasswordHasher } from '../ports/password-hasher';
import type { Store } from '../ports/store';
import type { RelayNudge } from '../notifications/outbox-relay';

/** What every use case needs; built once by the entry point. */
export interface DeskDeps {
  store: Store;
  clock: Clock;
  config: DeskConfig;
  hasher: PasswordHasher;
  /** Re-encodes uploaded images before they are stored. */
  images: ImageCleaner;
  /** Background work (notifications reach it through the outbox relay). */
  jobs: JobQueue;
  /** Told after a change committed notifications to the outbox, so they go out without waiting for a poll. */
  relay?: RelayNudge;
  /** Changes made silently record no notifications (history filled in by the demo). */
  silent?: boolean;
}
