import type { DeskDeps } from '../desk/desk-deps';
import type { StoreTx } from '../ports/store';
import type { NotificationIntent } from './notification-intent';

/**
 * Writes a change's notifications to the outbox inside the change's own transaction: both land or
 * neither does. Silent deps (history filled in by the demo) record nothing.
 */
export async function recordIntents(
  deps: DeskDeps,
  tx: StoreTx,
  intents: readonly NotificationIntent[],
  now: Date,
): Promise<void> {
  if (deps.silent) return;
  await tx.outbox.add(
    intents.map((intent) => ({ name: 'notify' as const, intent })),
    now,
  );
}

/** After the commit: tells the relay there is work, so delivery does not wait for its next poll. */
export function announceCommitted(deps: DeskDeps): void {
  if (!deps.silent) deps.relay?.nudge();
}
