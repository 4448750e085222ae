import type { Clock } from '../ports/clock';
import type { JobHandler } from '../ports/job-queue';
import type { Store } from '../ports/store';
import { outboxIdOf } from './outbox-relay';

/**
 * Wraps the job handler: once a relayed job has run, its outbox row is marked done and never relayed again.
 * A failed mark is reported, not thrown: throwing would run (and deliver) the job again, while the row's
 * next relay is a no-op for as long as BullMQ keeps the completed job (a day).
 */
export function markingOutboxDone(
  deps: () => { store: Pick<Store, 'outbox'>; clock: Clock },
  handler: JobHandler,
  onError: (e: unknown) => void = () => undefined,
): JobHandler {
  return async (job, meta) => {
    await handler(job, meta);
    const id = outboxIdOf(meta?.jobId);
    if (id === null) return;
    const { store, clock } = deps();
    await store.outbox.markDone(id, clock.now()).catch(onError);
  };
}
