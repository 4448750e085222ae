import { drawCharts } from '../charts/draw-charts';
import type { DeskDeps } from '../desk/desk-deps';
import { postDigest } from '../digests/digest-job';
import type { ChartRenderer } from '../ports/chart-renderer';
import type { JobHandler } from '../ports/job-queue';
import type { Notifier } from '../ports/notifier';
import { sweepSla } from '../sla/sweep-job';
import type { ConversationNotifier } from '../ports/conversation-notifier';
import { deliverConversation } from './deliver-conversation';
import { deliverNotification } from './deliver-notification';
import { deliverRevision } from './deliver-revision';
import type { NotificationIntent } from './notification-intent';

/** A notifier that may also carry conversations (the composite does; a test's may not). */
export type DeskNotifier = Notifier & Partial<ConversationNotifier>;

/** The handler every queue (in-process or BullMQ) runs: notifications, SLA sweeps, chart images and digests. */
export function notificationJobHandler(
  deps: () => DeskDeps,
  notifier: DeskNotifier,
  charts: ChartRenderer,
): JobHandler {
  return async (job, meta) => {
    if (job.name === 'notify') await notify(deps(), notifier, job.intent);
    else if (job.name === 'slaSweep') await sweepSla(deps());
    else if (job.name === 'chart') await notifier.postCharts(job.target, await drawCharts(charts, job.specs));
    else if (job.name === 'digest') await postDigest(deps(), notifier, charts, job.period, meta?.dueAt);
  };
}

async function notify(deps: DeskDeps, notifier: DeskNotifier, intent: NotificationIntent): Promise<void> {
  if (intent.kind !== 'conversation' && intent.kind !== 'messageRevised')
    return deliverNotification(deps, notifier, intent);
  // Without a platform that shows conversations there is nowhere to deliver: the messages stay stored.
  if (!isConversationNotifier(notifier)) return;
  if (intent.kind === 'conversation') return deliverConversation(deps, notifier, intent.queryId);
  return deliverRevision(deps, notifier, intent.queryId, intent.messageId);
}

function isConversationNotifier(n: DeskNotifier): n is Notifier & ConversationNotifier {
  return n.conversationPlaces !== undefined && n.postMessageCopy !== undefined && n.reviseMessageCopy !== undefined;
}
