/** Discord accepts follow-ups on an interaction's token for 15 minutes; a minute is kept in hand. */
export const TOKEN_LIFETIME_MS = 14 * 60_000;

export interface InteractionToken {
  applicationId: string;
  token: string;
  at: number;
}

/**
 * The latest answered interaction of each Discord user, so a notification that cannot be sent by DM (closed
 * DMs) can still reach them as an ephemeral follow-up while that interaction's token is valid. Kept where the
 * processes that deliver notifications read it: in memory without Redis (the bot delivers), in Redis with it
 * (any worker delivers). Tokens are secrets: never logged.
 */
export interface InteractionTokens {
  /** Call once the interaction's first answer has gone out (follow-ups need it). */
  answered(userId: string, applicationId: string, token: string): Promise<void>;
  valid(userId: string): Promise<InteractionToken | null>;
  /** Closes a connection of its own, if it has one. */
  close(): Promise<void>;
}

/** In this process's memory, bounded: the bot that answered the interaction is the one that delivers. */
export class RecentInteractions implements InteractionTokens {
  private readonly byUser = new Map<string, InteractionToken>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly capacity = 5_000,
  ) {}

  async answered(userId: string, applicationId: string, token: string): Promise<void> {
    this.byUser.delete(userId);
    this.byUser.set(userId, { applicationId, token, at: this.now() });
    if (this.byUser.size > this.capacity) this.byUser.delete(this.byUser.keys().next().value as string);
  }

  async valid(userId: string): Promise<InteractionToken | null> {
    const t = this.byUser.get(userId);
    return t && this.now() - t.at < TOKEN_LIFETIME_MS ? t : null;
  }

  async close(): Promise<void> {}
}
