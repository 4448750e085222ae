/**
 * Paces the load bench's users on their answers, as people are: a user sends the next request once the answer
 * to the last one has arrived at the fake Slack (or a timeout passed), not merely once it was acknowledged.
 * An answer is matched to its request by the response_url or trigger_id minted for it, or by the user it is
 * addressed to (an ephemeral message or DM answers that user's outstanding request).
 */
export class AnswerPacer {
  private seq = 0;
  /** `r:<path>` and `t:<trigger>` keys minted for a request, to its user. */
  private readonly owners = new Map<string, string>();
  private readonly waiting = new Map<string, () => void>();
  /** The user whose request is being built (building is synchronous). */
  current = '';

  constructor(private readonly baseUrl: string) {}

  responseUrl(): string {
    const path = `/response/${++this.seq}`;
    this.owners.set(`r:${path}`, this.current);
    return `${this.baseUrl}${path}`;
  }

  triggerId(): string {
    const id = `${++this.seq}.${this.current}`;
    this.owners.set(`t:${id}`, this.current);
    return id;
  }

  /** From the fake Slack: a call that answers `key`. */
  answered(key: string): void {
    const user = key.startsWith('u:') ? key.slice(2) : this.owners.get(key);
    if (key.startsWith('r:') || key.startsWith('t:')) this.owners.delete(key);
    if (!user) return;
    const done = this.waiting.get(user);
    this.waiting.delete(user);
    done?.();
  }

  /** Call before sending: resolves true on the user's next answer, false after `timeoutMs`. */
  expect(user: string, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(user);
        resolve(false);
      }, timeoutMs);
      this.waiting.set(user, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
