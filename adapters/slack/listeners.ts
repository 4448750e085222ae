import type { App } from '@slack/bolt';
import type { Unsupported } from './inbound';
import { SLASH_COMMAND } from './manifest';
import type { SlackMessageController } from './message-controller';
import { parseBlockActions } from './parse-block-actions';
import { parseHomeOpened } from './parse-home-opened';
import { parseMessageEvent } from './parse-message-event';
import { parseSlashCommand } from './parse-slash-command';
import { FORM_CALLBACK_ID, parseViewSubmission } from './parse-view-submission';
import { BUSY_ACK, commandAck, type SlackController, type ViewAck } from './slack-controller';
import type { SlackLog } from './slack-log';

/** The surfaces an acknowledgement is timed for. */
export type SlackSurface = 'slash_command' | 'button' | 'modal_submit';
/** Told right after each acknowledgement went out (its latency is measured from the request's arrival). */
export type AckHook = (surface: SlackSurface) => void;

/** Conversation messages: where the support threads are, and who hands what is written to the desk. */
export interface MessageListening {
  controller: SlackMessageController;
  supportChannels: readonly string[];
}

/**
 * Binds the controller to a Bolt app: each listener parses its payload, acknowledges (at once for commands
 * and buttons, the work following; with the outcome for submissions, within the deadline). The controller
 * decides whether the desk takes the request; when it is full the acknowledgement says so at once.
 */
export function registerListeners(
  app: App,
  controller: SlackController,
  log: SlackLog,
  acked: AckHook = () => undefined,
  messages?: MessageListening,
): void {
  const usable = <T extends { kind: string }>(parsed: T | Unsupported): parsed is T => {
    if (parsed.kind !== 'unsupported') return true;
    log.warn(`ignored: ${(parsed as Unsupported).reason}`);
    return false;
  };

  app.command(SLASH_COMMAND, async ({ body, ack }) => {
    const c = parseSlashCommand(body);
    if (!usable(c)) return ack();
    await controller.command(c, async (busy) => {
      await ack(busy ? BUSY_ACK : commandAck(c.text));
      acked('slash_command');
    });
  });

  // Every button: ids are decoded (and unknown ones refused) by core, never matched on raw strings here.
  app.action(/.*/, async ({ body, ack }) => {
    const acknowledge = async () => {
      await ack();
      acked('button');
    };
    const b = parseBlockActions(body);
    await (usable(b) ? controller.press(b, acknowledge) : acknowledge());
  });

  app.view(FORM_CALLBACK_ID, async ({ body, ack }) => {
    const s = parseViewSubmission(body);
    if (!usable(s)) return ack();
    await controller.submit(s, async (answer?: ViewAck) => {
      await (answer ? ack(answer) : ack());
      acked('modal_submit');
    });
  });

  app.event('app_home_opened', async ({ body }) => {
    const user = parseHomeOpened(body);
    if (user) controller.refreshHome(user);
  });

  // Bolt acknowledges every event before its listener runs, and drops the bot's own messages (ignoreSelf); the
  // parser drops the rest that is not a person's message in a support thread or a DM (edits of the app's copies).
  if (messages)
    app.event('message', async ({ body, context }) => {
      const m = parseMessageEvent(body, {
        botUserId: context.botUserId,
        botId: context.botId,
        supportChannels: messages.supportChannels,
      });
      if (m.kind === 'ignored' || !usable(m)) return;
      if (context.retryNum)
        log.info(
          `Slack delivered event ${String(body.event_id)} again (retry ${context.retryNum}, ${context.retryReason ?? 'no reason'})`,
        );
      await messages.controller.heard(m);
    });

  app.error(async (e) => log.error('Slack request failed', e));
}
