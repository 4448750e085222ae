import { findCommand, isReadOnlyCommand } from '../../core/commands/catalog';
import { commandHint, SURFACES } from '../../core/conversation/surface';
import type { Conversation } from '../../core/conversation/conversation';
import type { Desk } from '../../core/conversation/desk';
import { formFor } from '../../core/conversation/forms';
import { DESK_BUSY_TEXT, type DefectSink } from '../../core/errors';
import { actionOpensForm, isReadOnlyAction } from '../../core/views/action-id';
import { ephemeral, text, type Reply } from '../../core/views/view-model';
import type { AppHome } from './app-home';
import type { SlackClient } from './block-kit';
import { errorReply, submissionErrors } from './error-text';
import { accountOf, type ButtonIn, type SlackUserRef, type SlashCommandIn, type SubmitIn } from './inbound';
import { deliverReply } from './deliver-reply';
import { runSubmission } from './run-submission';
import type { ReplySender, ReplyTarget } from './reply-sender';
import { WorkLine, type BusyAck } from './work-line';
import type { ScreenshotFetcher } from './screenshot-fetcher';
import type { SlackLog } from './slack-log';

/** What a modal submission is acknowledged with: nothing (the modal closes) or errors on its inputs. */
export type ViewAck = { response_action: 'errors'; errors: Record<string, string> } | undefined;
export type ViewAckFn = (body?: ViewAck) => Promise<void>;

export interface SlackControllerOptions {
  desk: Desk;
  client: SlackClient;
  sender: ReplySender;
  home: AppHome;
  screenshots: ScreenshotFetcher;
  log: SlackLog;
  onDefect: DefectSink;
  /** How long a submission may run before its modal is closed and the outcome sent as a message (Slack allows 3 s). */
  submitDeadlineMs?: number;
  /** Requests that may wait for the desk (work-line.ts's default); past it, new ones are answered busy and not run. */
  maxWaiting?: number;
  /** SLACK_LEADS_CHANNEL: charts for a command typed there are posted there; elsewhere (but a DM) they go to the DM. */
  leadsChannel?: string;
  /** Told of each request refused as busy, by command (the metrics' `shed` outcome). */
  onShed?: (command: string) => void;
}

/** The command word of a slash command's text, lowercased ('' when there is none). */
export function commandWord(line: string): string {
  return line.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
}

/** The acknowledgement of a slash command: empty, or a note when the command is slow and its answer follows. */
export function commandAck(line: string): { response_type: 'ephemeral'; text: string } | undefined {
  const spec = findCommand(commandWord(line));
  return spec?.slow
    ? {
        response_type: 'ephemeral',
        text: `Working on ${commandHint(SURFACES.slack, spec.name)}; the answer follows here in a moment.`,
      }
    : undefined;
}

/** The acknowledgement of a slash command the desk refused: it ran nothing. */
export const BUSY_ACK = { response_type: 'ephemeral', text: DESK_BUSY_TEXT } as const;

/**
 * Translates parsed Slack requests into Desk calls and their replies back into Slack: answers, modals,
 * App Home refreshes. Commands and buttons run after their acknowledgement; a submission runs before
 * it (its errors are the acknowledgement), bounded by a deadline.
 */
export class SlackController {
  private readonly work: WorkLine;
  /** Users whose App Home refresh waits in line (not started yet). */
  private readonly homesDue = new Set<string>();

  constructor(private readonly deps: SlackControllerOptions) {
    this.work = new WorkLine({
      ...(deps.maxWaiting ? { maxWaiting: deps.maxWaiting } : {}),
      warn: (line) => deps.log.warn(line),
    });
  }

  /** Acknowledges with `ack` (busy when the desk is full); the command runs after, once the acknowledgements waiting to go out have gone. */
  command(c: SlashCommandIn, ack: BusyAck): Promise<void> {
    const to = { user: c.user, channelId: c.channelId, responseUrl: c.responseUrl };
    const word = commandWord(c.text);
    // A bare `/cqms new` opens a modal: its trigger_id expires 3 s after the command, so it goes first.
    const opensForm = Boolean(findCommand(word)?.form) && c.text.trim().toLowerCase() === word;
    return this.admit(
      findCommand(word)?.name ?? 'unknown',
      ack,
      () =>
        this.answer(
          to,
          c.triggerId,
          (conv) => this.deps.desk.runLine(conv, c.text),
          !isReadOnlyCommand(word),
          `run \`/cqms ${word}\` again`,
        ),
      this.failed(`/cqms ${word}`),
      opensForm,
    );
  }

  /** Acknowledges with `ack`, like command(); a refused press is told so through its response_url (a button's ack shows nothing). */
  press(b: ButtonIn, ack: () => Promise<void>): Promise<void> {
    const kind = b.action?.kind;
    const source =
      b.surface === 'message' && b.channelId && b.messageTs
        ? { source: { channelId: b.channelId, ts: b.messageTs } }
        : {};
    const onEphemeral = b.surface === 'ephemeral';
    const to = {
      user: b.user,
      channelId: b.channelId,
      responseUrl: b.responseUrl,
      replaceOriginal: kind === 'page' && (onEphemeral || b.surface === 'message'),
      onEphemeral,
      ...source,
    };
    const busyNote = async (busy: boolean) => {
      await ack();
      if (busy)
        void this.work.track(
          () => this.deps.sender.send(ephemeral(text(DESK_BUSY_TEXT, 'warning')), { ...to, replaceOriginal: false }),
          this.failed('the busy answer'),
        );
    };
    return this.admit(
      kind ?? 'unknown', // the command the button runs; `page` for a list's pages
      busyNote,
      () => this.answer(to, b.triggerId, (conv) => this.deps.desk.press(conv, b.action), !isReadOnlyAction(kind)),
      this.failed(`button ${b.actionId}`),
      // These open a modal: its trigger_id expires 3 s after the press.
      actionOpensForm(kind),
    );
  }

  /** Waits for the work in flight (answers, App Home refreshes) and takes no more: for a graceful stop. */
  drain(): Promise<void> {
    return this.work.close();
  }

  /**
   * Runs before the acknowledgement, which it gives (errors, or closing the modal) within the deadline. A refused
   * submission keeps its modal open, the busy text on its first input, so it can be sent again as it is.
   */
  submit(s: SubmitIn, ack: ViewAckFn): Promise<void> {
    const blockIds = formFor(s.form.formId, this.deps.desk.deps.config).fields.map((f) => f.name);
    const running = this.work.now(() => this.submitNow(s, blockIds, ack), this.failed(`${s.form.formId} form`));
    if (running) return running;
    this.deps.onShed?.(s.form.formId);
    return ack({ response_action: 'errors', errors: { [blockIds[0] ?? 'input']: DESK_BUSY_TEXT } });
  }

  private async submitNow(s: SubmitIn, blockIds: string[], ack: ViewAckFn): Promise<void> {
    const to: ReplyTarget = { user: s.user, channelId: s.form.channelId ?? null };
    let acked = false;
    const ackOnce = async (body?: ViewAck) => {
      if (acked) return false;
      acked = true;
      await ack(body);
      return true;
    };
    // Past the deadline the modal closes and the outcome, whatever it is, comes as a message.
    const timer = setTimeout(
      () => void ackOnce().catch((e: unknown) => this.deps.log.error('acknowledging a late submission failed', e)),
      this.deps.submitDeadlineMs ?? 2500,
    );
    try {
      const reply = await runSubmission(this.deps, s);
      clearTimeout(timer);
      await ackOnce();
      if (!reply) return;
      await deliverReply(this.deps, reply, to, null);
      this.refreshHome(s.user);
    } catch (e) {
      clearTimeout(timer);
      if (!(await ackOnce({ response_action: 'errors', errors: submissionErrors(e, blockIds, this.deps.onDefect) }))) {
        await this.deps.sender.send(errorReply(e, this.deps.onDefect), to);
      }
    }
  }

  /** Publishes the App Home in the background; a failure there never fails the interaction. */
  refreshHome(user: SlackUserRef): void {
    // One waiting refresh per user draws everything that changed before it starts; refused when the desk is
    // busy: the App Home is drawn again on the next change or visit.
    const key = `${user.teamId}/${user.userId}`;
    if (this.homesDue.has(key)) return;
    const queued = this.work.later(
      () => {
        this.homesDue.delete(key);
        return this.deps.home.publish(user);
      },
      (e) =>
        this.deps.log.warn(`App Home of ${user.userId} not refreshed: ${e instanceof Error ? e.message : String(e)}`),
    );
    if (queued) this.homesDue.add(key);
  }

  /** Admission (work-line.ts decides); a refusal is counted under the command's name. */
  private async admit(
    command: string,
    ack: BusyAck,
    work: () => Promise<void>,
    onError: (e: unknown) => void,
    urgent: boolean,
  ): Promise<void> {
    if (!(await this.work.admit(ack, work, onError, { urgent }))) this.deps.onShed?.(command);
  }

  private failed(what: string): (e: unknown) => void {
    return (e) => this.deps.log.error(`${what} failed after its acknowledgement`, e);
  }

  private async answer(
    to: ReplyTarget,
    triggerId: string,
    run: (conv: Conversation) => Promise<Reply>,
    changes: boolean,
    again?: string,
  ): Promise<void> {
    let reply: Reply;
    try {
      // Where the request was made: chart images follow the answer there.
      const place = to.channelId
        ? {
            platform: 'slack' as const,
            teamId: to.user.teamId,
            userId: to.user.userId,
            channelId: to.channelId,
            ...(this.isPrivate(to.channelId) ? { privateChannel: true } : {}),
          }
        : undefined;
      reply = await run(await this.deps.desk.conversation(accountOf(to.user), place));
    } catch (e) {
      await this.deps.sender.send(errorReply(e, this.deps.onDefect), to);
      return;
    }
    await deliverReply(this.deps, reply, to, triggerId, again);
    if (changes) this.refreshHome(to.user);
  }

  /** A DM (Slack's ids for them start with D) or the leads channel: what answers a command there may stay there. */
  private isPrivate(channelId: string): boolean {
    return channelId.startsWith('D') || channelId === this.deps.leadsChannel;
  }
}
