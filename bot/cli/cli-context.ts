import type { DeskDeps } from '../../core/desk/desk-deps';
import type { Environment } from '../environment';

/** What a subcommand gets: the environment, and a desk it opens only when it needs one. */
export interface CliContext {
  /** Read and checked once the command line has parsed, before the action runs (never for help or a usage mistake). */
  readonly env: Environment;
  out: (line: string) => void;
  withDesk<T>(fn: (deps: DeskDeps) => Promise<T>, opts?: { migrate?: boolean }): Promise<T>;
}
