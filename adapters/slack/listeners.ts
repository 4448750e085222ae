import type { App } from '@slack/bolt';
import type { Unsupported } from './inbound';
import { SLASH_COMMAND } from './manifest';
import { parseBlockActions } from './parse-block-actions';
import { parseHomeOpened } from './parse-home-opened';
import { parseSlashCommand } from './parse-slash-command';
import { FORM_CALLBACK_ID, parseViewSubmission } from './parse-view-submission';
import { BUSY_ACK, commandAck, type SlackController, type ViewAck } from './slack-controller';
import type { SlackLog } from './slack-log';

/** The surfaces an acknowledgement is timed for. */
export type SlackSurface = 'slash_command' | 'button' | 'modal_submit';
/** Told right after each acknowledgement went out (its latency is measured from the request's arrival). */
export type AckHook = (surface: SlackSurface) => void;

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

  app.error(async (e) => log.error('Slack request failed', e));
}
