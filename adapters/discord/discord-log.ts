/** Where the adapter writes what happened; the wiring passes the process's log. */
export interface DiscordLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Receives the reference shown to the user and the error itself; the detail goes to the log only. */
export type DefectSink = (ref: string, error: unknown) => void;
