import type { Platform } from './platform';
import type { Role } from './roles';

/** The signed-in user performing an action, as resolved by the surface that received it. */
export interface Actor {
  userId: number;
  username: string;
  role: Role;
  platform: Platform;
}
