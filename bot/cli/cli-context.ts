import type { DeskDeps } from '../../core/desk/desk-deps';
import type { Environment } from '../environment';

/** What a subcommand gets: the environment, and a desk it opens only when it needs one. */
export interface CliContext {
  env: Environment;
  out: (line: string) => void;
  withDesk<T>(fn: (deps: DeskDeps) => Promise<T>, opts?: { migrate?: boolean }): Promise<T>;
}
