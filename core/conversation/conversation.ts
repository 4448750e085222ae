import type { PlatformAccount } from '../auth/identities';
import type { Actor } from '../domain/actor';
import type { ChatPlace } from '../ports/notifier';
import type { Surface } from './surface';

/** Who is talking to the desk: the chat account, and the CQMS account it is linked to (null: a guest). */
export interface Conversation {
  account: PlatformAccount;
  actor: Actor | null;
  /** Where the request was made, when the surface can post there later (chart images follow the answer). */
  place?: ChatPlace;
  /** The surface's syntax and places, for every hint core writes. */
  surface: Surface;
}
