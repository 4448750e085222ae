import { InProcessQueue, type InProcessQueueOptions } from '../../adapters/queue/in-process-queue';
import type { DeskDeps } from '../../core/desk/desk-deps';
import { notificationJobHandler } from '../../core/notifications/notification-job';
import { OutboxRelay } from '../../core/notifications/outbox-relay';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import type { Notifier } from '../../core/ports/notifier';
import type { TestDesk } from './test-desk';

/** The renderer of a test that draws no chart: asked for one anyway, it fails the job loudly. */
export const NO_CHARTS: ChartRenderer = {
  render: () => Promise.reject(new Error('no chart is drawn in this test')),
};

/** An in-process queue whose notification jobs reach `notifier` (the desk read when each job runs). */
export function notificationQueue(
  deps: () => DeskDeps,
  notifier: Notifier,
  options: InProcessQueueOptions = {},
): InProcessQueue {
  return new InProcessQueue(notificationJobHandler(deps, notifier, NO_CHARTS), options);
}

/** Notifications as production sends them, in process: the outbox relayed to a queue that delivers to `notifier`. */
export interface OutboxDelivery {
  queue: InProcessQueue;
  relay: OutboxRelay;
  /** Relays what the outbox holds, then lets the queue deliver it. */
  settle(): Promise<void>;
}

export function outboxDelivery(deps: TestDesk, notifier: Notifier): OutboxDelivery {
  const queue = notificationQueue(() => deps, notifier);
  const relay = new OutboxRelay({ store: deps.store, queue, clock: deps.clock });
  return {
    queue,
    relay,
    settle: async () => {
      await relay.flush();
      await queue.drain();
    },
  };
}
