/** Where the adapter reports; the entry point decides where that goes (stderr, a test's array). */
export interface SlackLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** The data.error code of a Web API error (`channel_not_found`, `not_in_channel`, ...), if it is one. */
export function slackErrorCode(e: unknown): string | undefined {
  const code = (e as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof code === 'string' ? code : undefined;
}
