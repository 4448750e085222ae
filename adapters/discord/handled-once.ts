import type { IdempotencyRepo } from '../../core/ports/store';

/**
 * Claims an interaction id, so one delivered twice (a gateway replay, two processes on one token) is handled
 * once: the first claim wins, later ones are dropped without an answer.
 */
export interface HandledOnce {
  claim(key: string): Promise<boolean>;
}

/** Backed by the store's durable idempotency keys, shared by every process on the same database. */
export function storeKeys(idempotency: () => IdempotencyRepo, now: () => Date): HandledOnce {
  return { claim: (key) => idempotency().claim(key, now()) };
}

export const interactionKey = (interactionId: string) => `discord:${interactionId}`;
