import type { DeskDeps } from '../desk/desk-deps';
import type { JobHandler } from '../ports/job-queue';
import type { Notifier } from '../ports/notifier';
import { sweepSla } from '../sla/sweep-job';
import { deliverNotification } from './deliver-notification';

/** The handler every queue (in-process or BullMQ) runs: notifications and SLA sweeps. */
export function notificationJobHandler(deps: () => DeskDeps, notifier: Notifier): JobHandler {
  return async (job) => {
    if (job.name === 'notify') await deliverNotification(deps(), notifier, job.intent);
    else if (job.name === 'slaSweep') await sweepSla(deps());
  };
}
