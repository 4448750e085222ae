import type { DeskDeps } from '../desk/desk-deps';
import type { NotificationIntent } from './notification-intent';

/** Queues the notifications of a committed change. */
export async function announce(deps: DeskDeps, intents: readonly NotificationIntent[]): Promise<void> {
  for (const intent of intents) await deps.jobs.enqueue({ name: 'notify', intent });
}
