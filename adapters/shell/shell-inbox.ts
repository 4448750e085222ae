/**
 * Conversation messages for shell users: shown at once to the user the shell is acting as, kept for the others
 * and shown when the shell becomes them (`/as <name>`), as a chat app shows what came while you were away.
 */
export class ShellInbox {
  private current: string | null = null;
  private readonly held = new Map<string, string[]>();

  constructor(private readonly show: (lines: readonly string[]) => void) {}

  /** Lines for `user`: shown now when the shell is them, else kept for their next `/as`. */
  deliver(user: string, lines: readonly string[]): void {
    if (user === this.current) this.show(lines);
    else this.held.set(user, [...(this.held.get(user) ?? []), ...lines]);
  }

  /** The shell now acts as `user`: what they were sent meanwhile, taken out of the inbox. */
  become(user: string): string[] {
    this.current = user;
    const lines = this.held.get(user) ?? [];
    this.held.delete(user);
    return lines;
  }
}
