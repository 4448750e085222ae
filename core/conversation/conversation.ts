import type { PlatformAccount } from '../auth/identities';
import type { Actor } from '../domain/actor';

/** Who is talking to the desk: the chat account, and the CQMS account it is linked to (null: a guest). */
export interface Conversation {
  account: PlatformAccount;
  actor: Actor | null;
}
