import { drawCharts } from '../charts/draw-charts';
import type { DeskDeps } from '../desk/desk-deps';
import { postDigest } from '../digests/digest-job';
import type { ChartRenderer } from '../ports/chart-renderer';
import type { JobHandler } from '../ports/job-queue';
import type { Notifier } from '../ports/notifier';
import { sweepSla } from '../sla/sweep-job';
import { deliverNotification } from './deliver-notification';

/** The handler every queue (in-process or BullMQ) runs: notifications, SLA sweeps, chart images and digests. */
export function notificationJobHandler(deps: () => DeskDeps, notifier: Notifier, charts: ChartRenderer): JobHandler {
  return async (job, meta) => {
    if (job.name === 'notify') await deliverNotification(deps(), notifier, job.intent);
    else if (job.name === 'slaSweep') await sweepSla(deps());
    else if (job.name === 'chart') await notifier.postCharts(job.target, await drawCharts(charts, job.specs));
    else if (job.name === 'digest') await postDigest(deps(), notifier, charts, job.period, meta?.dueAt);
  };
}
