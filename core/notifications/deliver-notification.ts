import type { DeskDeps } from '../desk/desk-deps';
import type { Notifier } from '../ports/notifier';
import { queryCard } from '../views/query-card';
import { ephemeral, text, type View } from '../views/view-model';
import { transcriptFile } from '../conversation/transcript';
import type { NotificationIntent } from './notification-intent';

/** The intents this job delivers; a conversation's messages and revisions have jobs of their own. */
export type NoticeIntent = Exclude<NotificationIntent, { kind: 'conversation' | 'messageRevised' }>;
import { slaAlertNotice } from './sla-alert-notice';

const SAID: Record<Extract<NotificationIntent, { kind: 'tellClient' }>['event'], (who: string, id: number) => string> =
  {
    claimed: (who, id) => `${who} is now working on your query #${id}.`,
    released: (_who, id) => `Your query #${id} is back in the queue; the next free agent will pick it up.`,
    reassigned: (who, id) => `Your query #${id} was handed to another agent by ${who}.`,
    closed: (_who, id) =>
      `Your query #${id} was closed. How did we do? Rate it below, or reopen it within 7 days if it is not solved.`,
    reopened: (_who, id) => `Your query #${id} was reopened.`,
  };

/** The job behind every notification: builds the message from the query as it is now, then sends it. */
export async function deliverNotification(deps: DeskDeps, notifier: Notifier, intent: NoticeIntent): Promise<void> {
  const q = await deps.store.queries.findById(intent.queryId);
  if (!q) return; // deleted meanwhile: nothing left to say
  const ids = [q.clientId, ...(q.assigneeId === null ? [] : [q.assigneeId])];
  const users = new Map((await deps.store.users.findByIds(ids)).map((u) => [u.id, u.displayName || u.username]));
  const names = {
    client: users.get(q.clientId) ?? null,
    assignee: q.assigneeId === null ? null : (users.get(q.assigneeId) ?? null),
  };
  if (intent.kind === 'channelCard') {
    await notifier.upsertChannelCard(q.id, queryCard(q, names, { kind: 'staff' }));
    return;
  }
  if (intent.kind === 'slaAlert') {
    const assignee =
      q.assigneeId !== null && names.assignee !== null ? { userId: q.assigneeId, name: names.assignee } : null;
    const notice = slaAlertNotice(q, intent.clock, intent.level, assignee);
    await notifier.postAlert(intent.channel, {
      ...notice,
      deliveryKey: `slaAlert:${q.id}:${intent.clock}:${intent.level}:${intent.channel}`,
    });
    return;
  }
  const who = intent.event === 'claimed' ? (names.assignee ?? intent.actorName) : intent.actorName;
  const views: View[] = [text(SAID[intent.event](who, q.id), intent.event === 'closed' ? 'success' : 'info')];
  if (intent.event === 'closed') {
    const rated = (await deps.store.reviews.forQuery(q.id)) !== null;
    views.push(queryCard(q, names, { kind: 'client' }, { rated }));
    // The client keeps what was said: the public conversation goes with the news, as a text file.
    if (q.messageCount > 0) views.push(await transcriptFile(deps, q, false));
  }
  await notifier.sendDirect(q.clientId, intent.platform, ephemeral(...views));
}
