import type { DeskConfig } from '../config/desk-config';
import type { Clock } from '../ports/clock';
import type { PasswordHasher } from '../ports/password-hasher';
import type { Store } from '../ports/store';

/** What every use case needs; built once by the entry point. */
export interface DeskDeps {
  store: Store;
  clock: Clock;
  config: DeskConfig;
  hasher: PasswordHasher;
}
