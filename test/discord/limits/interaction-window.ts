import type { Json } from '../discord-ids';
import { INTERACTION } from './limits';
import {
  ALREADY_ACKNOWLEDGED,
  INVALID_WEBHOOK_TOKEN,
  UNKNOWN_INTERACTION,
  UNKNOWN_WEBHOOK,
  type Refusal,
} from './refusals';

interface Seen {
  token: string;
  at: number;
  acknowledged: boolean;
  /** The message a component sits on, as dispatched. */
  message?: Json;
}

/**
 * Discord's clock on interactions, from the dispatch the fake gateway sent: one first answer within 3 s, then
 * the token takes edits and follow-ups for 15 minutes.
 */
export class InteractionWindow {
  private readonly byId = new Map<string, Seen>();
  private readonly byToken = new Map<string, Seen>();

  constructor(private readonly now: () => number) {}

  /** A delivery repeated by the gateway is the same interaction: its clock keeps running. */
  dispatched(d: Json): void {
    if (this.byId.has(String(d.id))) return;
    const seen: Seen = {
      token: String(d.token),
      at: this.now(),
      acknowledged: false,
      ...(d.message ? { message: d.message as Json } : {}),
    };
    this.byId.set(String(d.id), seen);
    this.byToken.set(seen.token, seen);
  }

  /** Null when a first answer may go now; call acknowledge() once it was accepted. */
  firstAnswer(id: string, token: string): Refusal | null {
    const seen = this.byId.get(id);
    if (!seen || seen.token !== token || this.now() - seen.at > INTERACTION.firstAnswerMs) return UNKNOWN_INTERACTION;
    return seen.acknowledged ? ALREADY_ACKNOWLEDGED : null;
  }

  acknowledge(id: string): void {
    const seen = this.byId.get(id);
    if (seen) seen.acknowledged = true;
  }

  messageOf(id: string): Json | undefined {
    return this.byId.get(id)?.message;
  }

  /** An edit or follow-up on the interaction's webhook. */
  tokenUse(token: string): Refusal | null {
    const seen = this.byToken.get(token);
    if (!seen || this.now() - seen.at > INTERACTION.tokenMs) return INVALID_WEBHOOK_TOKEN;
    return seen.acknowledged ? null : UNKNOWN_WEBHOOK;
  }
}
