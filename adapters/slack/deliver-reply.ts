import type { FormView, Reply } from '../../core/views/view-model';
import { ephemeral, text } from '../../core/views/view-model';
import type { SlackClient } from './block-kit';
import { formOpenFailure } from './form-open-failure';
import { modalOf } from './modal';
import type { ReplySender, ReplyTarget } from './reply-sender';
import type { SlackLog } from './slack-log';

/** What delivering a reply needs: the Web API for modals, the sender for the rest, the log for a modal refused. */
export interface ReplyDelivery {
  client: SlackClient;
  sender: ReplySender;
  log: SlackLog;
}

/**
 * A form in a reply opens as a modal (with the interaction's trigger); the rest is sent. `again` tells the user
 * how to try once more when the modal cannot open.
 */
export async function deliverReply(
  d: ReplyDelivery,
  reply: Reply,
  to: ReplyTarget,
  triggerId: string | null,
  again = 'press the button again',
): Promise<void> {
  const form = reply.views.find((v): v is FormView => v.kind === 'form');
  const rest = reply.views.filter((v) => v.kind !== 'form');
  if (form) await openForm(d, form, to, triggerId, again);
  if (rest.length) await d.sender.send({ ...reply, views: rest }, to);
}

/** A modal that does not open is told as what it is: our fault (logged as an error) or a trigger that expired. */
async function openForm(
  d: ReplyDelivery,
  form: FormView,
  to: ReplyTarget,
  triggerId: string | null,
  again: string,
): Promise<void> {
  try {
    if (!triggerId) throw new Error('no trigger_id');
    await d.client.views.open({
      trigger_id: triggerId,
      view: modalOf(form, to.channelId ? { channelId: to.channelId } : {}),
    });
  } catch (e) {
    const failure = formOpenFailure(e, form.title, again);
    if (failure.cause === 'refused') d.log.error(failure.logLine, e);
    else d.log.warn(failure.logLine);
    await d.sender.send(ephemeral(text(failure.text, 'warning')), to);
  }
}
