import type { DeskConfig } from '../config/desk-config';
import type { Clock } from '../ports/clock';
import type { JobQueue } from '../ports/job-queue';
import type { PasswordHasher } from '../ports/password-hasher';
import type { Store } from '../ports/store';

/** What every use case needs; built once by the entry point. */
export interface DeskDeps {
  store: Store;
  clock: Clock;
  config: DeskConfig;
  hasher: PasswordHasher;
  /** Where notifications go after a change commits. */
  jobs: JobQueue;
}
