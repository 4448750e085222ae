/** Where the adapter writes what happened; the wiring passes the process's log. */
export interface DiscordLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}
