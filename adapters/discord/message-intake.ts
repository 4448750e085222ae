import { Routes, type REST } from 'discord.js';
import type { PlatformAccount } from '../../core/auth/identities';
import type { Conversation } from '../../core/conversation/conversation';
import type { ConversationIntake, InboundFile } from '../../core/conversation/inbound-message';
import type { PlaceAudience } from '../../core/domain/conversation-place';
import type { MessageSource } from '../../core/domain/query-message';
import type { DefectSink } from '../../core/errors';
import type { Reply } from '../../core/views/view-model';
import { KeyedLock } from '../concurrency/keyed-lock';
import type { AttachmentFetcher } from './attachment-fetcher';
import { restPayload, type DiscordMessage } from './discord-message';
import type { DiscordLog } from './discord-log';
import { errorReply } from './error-reply';
import { accountOf } from './inbound';
import type { ChatMessage, MessageEvent } from './parse-message';
import type { SupportThreads } from './support-threads';

/** The desk's side: who is writing, and what it makes of what they wrote (core's ConversationIntake). */
export type MessageDesk = ConversationIntake & { conversation(account: PlatformAccount): Promise<Conversation> };

export interface MessageIntakeOptions {
  desk: MessageDesk;
  threads: SupportThreads;
  files: AttachmentFetcher;
  rest: Pick<REST, 'post'>;
  /** Renders the desk's answer (as interactions' answers are rendered). */
  render: (reply: Reply) => Promise<DiscordMessage[]>;
  /** Whether server messages carry their text: false when Discord refused the Message Content intent. */
  readsServerText: () => boolean;
  log: DiscordLog;
  onDefect: DefectSink;
  now: () => Date;
}

/** MESSAGE_DELETE does not say whose message it was: the desk finds it by its source and needs no writer. */
const UNNAMED: PlatformAccount = { platform: 'discord', workspaceId: '', platformUserId: '' };

/**
 * Hands what people write to the desk: a message in a thread of a support channel (staff) or in a DM with the bot
 * (the client), with its files downloaded (size-capped), and edits and deletions of such messages. Events of one
 * channel are heard one after another, in the order Discord sent them, so a conversation keeps its order. The
 * desk's answer goes back to the writer as a reply to their message (plain messages have no ephemeral form);
 * in a support thread the reply pings the writer alone.
 */
export class MessageIntake {
  private readonly serial = new KeyedLock<string>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: MessageIntakeOptions) {}

  take(e: MessageEvent): void {
    if (e.kind === 'ignored') return;
    const channelId = e.kind === 'deleted' ? e.channelId : e.message.channelId;
    const work = this.serial
      .run(channelId, () => this.handle(e))
      .catch((err: unknown) => this.deps.log.error(`a Discord message event in channel ${channelId} failed`, err));
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  /** Resolves once every event taken so far has been handled. */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  private async handle(e: Exclude<MessageEvent, { kind: 'ignored' }>): Promise<void> {
    const { desk } = this.deps;
    if (e.kind === 'deleted') {
      if (e.guildId && !(await this.deps.threads.includes(e.channelId))) return;
      const conv = await desk.conversation(UNNAMED);
      for (const messageId of e.messageIds)
        await desk.heardDelete(conv, { source: this.source(e.channelId, messageId), at: this.deps.now() });
      return;
    }
    const m = e.message;
    const where = await this.audienceOf(m);
    if (!where) return;
    const conv = await desk.conversation(accountOf(m.author));
    try {
      if (e.kind === 'edited')
        return await desk.heardEdit(conv, { source: this.source(m.channelId, m.id), text: m.text, at: m.at });
      const reply = await desk.hear(conv, {
        source: this.source(m.channelId, m.id),
        where,
        threadRootId: null,
        repliesTo: m.repliesTo,
        text: m.text,
        files: await this.filesOf(m),
        at: m.at,
      });
      if (reply) await this.answer(m, where, reply);
    } catch (err) {
      await this.answer(m, where, errorReply(err, this.deps.onDefect));
    }
  }

  /** A DM with the bot is the client's; a thread of a support channel the staff's; anything else is not heard. */
  private async audienceOf(m: ChatMessage): Promise<PlaceAudience | null> {
    if (!m.guildId) return 'client';
    // Without Message Content a server message arrives with no text: nothing could be stored.
    if (!this.deps.readsServerText()) return null;
    return (await this.deps.threads.includes(m.channelId)) ? 'staff' : null;
  }

  private filesOf(m: ChatMessage): Promise<InboundFile[]> {
    return Promise.all(m.attachments.map((a) => this.deps.files.download(a, `"${a.filename.slice(0, 100)}"`)));
  }

  private source(channelId: string, messageId: string): MessageSource {
    return { platform: 'discord', channelId, messageId };
  }

  private async answer(m: ChatMessage, where: PlaceAudience, reply: Reply): Promise<void> {
    const messages = await this.deps.render(reply);
    for (const [i, msg] of messages.entries()) {
      const { body, files } = restPayload(msg);
      if (i === 0) body.message_reference = { message_id: m.id, fail_if_not_exists: false };
      body.allowed_mentions = { parse: [], replied_user: where === 'staff' };
      await this.deps.rest.post(Routes.channelMessages(m.channelId), { body, ...(files ? { files } : {}) });
    }
  }
}
