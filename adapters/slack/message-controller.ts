import type { ConversationIntake, InboundFile } from '../../core/conversation/inbound-message';
import type { Desk } from '../../core/conversation/desk';
import { DESK_BUSY_TEXT, type DefectSink } from '../../core/errors';
import { MAX_MESSAGE_FILES } from '../../core/queries/post-message';
import { ephemeral, text, type Reply } from '../../core/views/view-model';
import { errorReply } from './error-text';
import type { SlackFileFetcher } from './file-fetcher';
import { accountOf, type SlackFileRef } from './inbound';
import type { DeleteIn, EditIn, MessageIn } from './parse-message-event';
import type { ReplySender, ReplyTarget } from './reply-sender';
import type { SlackLog } from './slack-log';
import type { WorkLine } from './work-line';

/** What the controller needs of the desk: who is talking, and the conversation's ways in. */
export type ConversationDesk = ConversationIntake & Pick<Desk, 'conversation'>;

export interface SlackMessageControllerOptions {
  desk: ConversationDesk;
  /** Downloads files shared with a message (the bot token, Slack's hosts, size-capped). */
  files: SlackFileFetcher;
  sender: ReplySender;
  /** The bounded line the slash commands and buttons share (work-line.ts): a message waits its turn there. */
  work: WorkLine;
  log: SlackLog;
  onDefect: DefectSink;
}

/** A message, an edit or a deletion heard on Slack. */
export type HeardMessage = MessageIn | EditIn | DeleteIn;

/**
 * Hands what people write in support threads and DMs to the desk. Bolt has acknowledged the event already (the
 * Events API needs nothing in the answer), so the work takes its turn on the work line like a command's: a burst
 * of messages never delays the acknowledgements of requests still arriving. Where the line is full the writer is
 * told their message was not taken. A retried event is handed over again: the desk stores a source once.
 */
export class SlackMessageController {
  constructor(private readonly deps: SlackMessageControllerOptions) {}

  heard(m: HeardMessage): Promise<void> {
    const failed = (e: unknown) => this.deps.log.error(`a Slack ${m.kind} failed after its acknowledgement`, e);
    const ack = async (busy: boolean) => {
      if (!busy) return;
      this.deps.log.warn(`a Slack ${m.kind} from ${m.user.userId} was not taken: the desk is busy`);
      void this.deps.work.track(() => this.answer(m, ephemeral(text(notTaken(m), 'warning'))), failed);
    };
    return this.deps.work.admit(ack, () => this.handle(m), failed).then(() => undefined);
  }

  private async handle(m: HeardMessage): Promise<void> {
    let reply: Reply | null = null;
    try {
      const conv = await this.deps.desk.conversation(accountOf(m.user));
      if (m.kind === 'edit') await this.deps.desk.heardEdit(conv, { source: m.source, text: m.text, at: m.at });
      else if (m.kind === 'delete') await this.deps.desk.heardDelete(conv, { source: m.source, at: m.at });
      else
        reply = await this.deps.desk.hear(conv, {
          source: m.source,
          where: m.where,
          threadRootId: m.threadRootId,
          repliesTo: null,
          text: m.text,
          files: await this.fetchFiles(m.files),
          at: m.at,
        });
    } catch (e) {
      reply = errorReply(e, this.deps.onDefect);
    }
    if (reply) await this.answer(m, reply);
  }

  private async fetchFiles(refs: readonly SlackFileRef[]): Promise<InboundFile[]> {
    const out: InboundFile[] = [];
    // One at a time: a message's files are few (Slack shares at most 10, as many as core takes), each download
    // bounded by size and time.
    for (const ref of refs.slice(0, MAX_MESSAGE_FILES)) {
      const f = await this.deps.files.fetch(ref, ref.name);
      out.push({ filename: f.filename, contentType: f.contentType, data: f.data });
    }
    return out;
  }

  /**
   * The answer is for the writer only: in a support thread an ephemeral message under that thread; in a DM a
   * message of the app's there (in the thread written in), which keeps its buttons (a query to choose).
   */
  private answer(m: HeardMessage, reply: Reply): Promise<void> {
    const views = reply.views.filter((v) => v.kind !== 'form'); // an event brings no trigger_id to open a modal with
    if (!views.length) return Promise.resolve();
    const inDm = m.kind === 'message' ? m.where === 'client' : m.source.channelId.startsWith('D');
    const to: ReplyTarget = { user: m.user, channelId: m.source.channelId, threadTs: m.threadRootId };
    return this.deps.sender.send({ ...reply, views, visibility: inDm ? 'public' : 'ephemeral' }, to);
  }
}

function notTaken(m: HeardMessage): string {
  const what =
    m.kind === 'message'
      ? 'Your message was not added'
      : `Your ${m.kind === 'edit' ? 'edit' : 'deletion'} was not recorded`;
  return `${what}: ${DESK_BUSY_TEXT}`;
}
