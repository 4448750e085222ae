import { randomBytes } from 'node:crypto';
import type { Refusal } from './slack-refusal';

/** How long a trigger_id can open a view (docs.slack.dev interactivity: "expires after 3 seconds"). */
export const TRIGGER_TTL_MS = 3000;
/** A response_url takes this many posts (within 30 minutes). */
export const RESPONSE_URL_POSTS = 5;

/**
 * Slack's interaction rules, kept by the fake: a trigger_id it handed out opens one view within 3 s; a
 * response_url takes 5 posts; an ephemeral message cannot be edited with chat.update.
 */
export class InteractionRules {
  private readonly triggers = new Map<string, { issuedAt: number; used: boolean }>();
  private readonly responsePosts = new Map<string, number>();
  private readonly ephemeral = new Set<string>();

  /** A trigger_id sent with an interaction, issued `ageMs` ago (an old one stands for a slow delivery). */
  issueTrigger(id = `${Date.now()}.${randomBytes(6).toString('hex')}`, ageMs = 0): string {
    this.triggers.set(id, { issuedAt: Date.now() - ageMs, used: false });
    return id;
  }

  /** views.open / views.push: spends the trigger, or says why it cannot be spent. */
  useTrigger(id: unknown): Refusal | null {
    const t = typeof id === 'string' ? this.triggers.get(id) : undefined;
    if (!t) return { error: 'invalid_trigger_id', messages: [] };
    if (t.used) return { error: 'exchanged_trigger_id', messages: [] };
    if (Date.now() - t.issuedAt > TRIGGER_TTL_MS) return { error: 'expired_trigger_id', messages: [] };
    t.used = true;
    return null;
  }

  /** A post to a response_url: the sixth is refused. */
  useResponseUrl(path: string): Refusal | null {
    const n = (this.responsePosts.get(path) ?? 0) + 1;
    this.responsePosts.set(path, n);
    return n > RESPONSE_URL_POSTS ? { error: 'used_url', messages: [] } : null;
  }

  /** An ephemeral message's ts (from chat.postEphemeral, or a button on one). */
  markEphemeral(ts: string): void {
    this.ephemeral.add(ts);
  }

  /** chat.update of an ephemeral message: Slack does not find it. */
  update(ts: unknown): Refusal | null {
    return typeof ts === 'string' && this.ephemeral.has(ts) ? { error: 'message_not_found', messages: [] } : null;
  }
}
