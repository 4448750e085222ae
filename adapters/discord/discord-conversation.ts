import { CARD_WAIT_MS } from '../../core/notifications/deliver-conversation';
import { clientChatPlatform } from '../../core/conversation/client-platform';
import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { ConversationPlace } from '../../core/domain/conversation-place';
import type { QueryRecord } from '../../core/domain/query';
import type { ConversationNotifier } from '../../core/ports/conversation-notifier';
import type { ConversationThreadRepo } from '../../core/ports/conversation-store';
import { RetryLater, WillNotSucceed } from '../../core/ports/job-queue';
import type { IdentityRepo, MessageRefRepo } from '../../core/ports/store';
import type { MessageCopyView } from '../../core/views/message-copy';
import { restPayload } from './discord-message';
import type { DiscordLog } from './discord-log';
import { shorten } from './discord-text';
import { CANNOT_DM } from './post-charts';
import { copyNonce, renderMessageCopy } from './render-message-copy';

export interface DiscordConversationOptions {
  rest: Pick<REST, 'post' | 'patch' | 'delete'>;
  supportChannels: readonly string[];
  store: () => { messageRefs: MessageRefRepo; identities: IdentityRepo; threads: ConversationThreadRepo };
  /** The bot's DM channel with a Discord user (opened once, then remembered). */
  dmChannel: (discordUserId: string) => Promise<string>;
  log: DiscordLog;
  now: () => Date;
}

const UNKNOWN_MESSAGE = 10008;
const THREAD_ALREADY_CREATED = 160004;
/** A week of quiet before Discord archives a query's thread (a message in it brings it back). */
const ARCHIVE_AFTER_MINUTES = 10080;
const THREAD_NAME_MAX = 100;

const apiCode = (e: unknown) => (e instanceof DiscordAPIError && typeof e.code === 'number' ? e.code : undefined);

/**
 * Discord's part of a query's conversation. The staff read it in a thread started from the query's card in each
 * support channel (created once: Discord gives a thread started from a message that message's id, so a retried
 * or raced creation answered 160004 finds it all the same), every message marked public or internal; the client in
 * their DM with the bot, when they raised the query on Discord or are reached on no other chat platform. Each copy
 * is posted with a nonce Discord enforces, so a post retried after a lost answer is not shown twice.
 */
export class DiscordConversation implements ConversationNotifier {
  constructor(private readonly deps: DiscordConversationOptions) {}

  async conversationPlaces(q: QueryRecord): Promise<ConversationPlace[]> {
    const places: ConversationPlace[] = [];
    for (const channelId of this.deps.supportChannels) places.push(await this.supportThread(q, channelId));
    const dm = await this.clientDm(q);
    if (dm) places.push(dm);
    return places;
  }

  async postMessageCopy(place: ConversationPlace, copy: MessageCopyView): Promise<string> {
    const { body, files } = restPayload(renderMessageCopy(copy));
    body.nonce = copyNonce(place.key, copy.queryId, copy.seq);
    body.enforce_nonce = true;
    try {
      const posted = (await this.deps.rest.post(Routes.channelMessages(place.channelId), {
        body,
        ...(files ? { files } : {}),
      })) as { id: string };
      return posted.id;
    } catch (e) {
      const code = apiCode(e);
      if (place.audience === 'client' && code !== undefined && CANNOT_DM.includes(code))
        throw new WillNotSucceed(
          `Discord does not let the bot DM the client of query #${copy.queryId} (their DMs are closed): message ${copy.seq} is not relayed there`,
          { cause: e },
        );
      throw e;
    }
  }

  /**
   * An edit is mirrored in place. A deletion removes the client's copy, and leaves "(deleted)" in a support
   * thread, where the staff see that something was said and withdrawn. A copy already gone needs nothing.
   */
  async reviseMessageCopy(place: ConversationPlace, platformMessageId: string, copy: MessageCopyView): Promise<void> {
    const route = Routes.channelMessage(place.channelId, platformMessageId);
    try {
      if (copy.deleted && place.audience === 'client') {
        await this.deps.rest.delete(route);
        return;
      }
      const { body } = restPayload({ ...renderMessageCopy(copy), files: [] });
      if (copy.deleted) body.attachments = [];
      await this.deps.rest.patch(route, { body });
    } catch (e) {
      if (apiCode(e) !== UNKNOWN_MESSAGE) throw e;
      this.deps.log.warn(
        `the copy of message ${copy.seq} of query #${copy.queryId} is gone from Discord channel ${place.channelId}; nothing to mirror`,
      );
    }
  }

  private async supportThread(q: QueryRecord, channelId: string): Promise<ConversationPlace> {
    const store = this.deps.store();
    const card = await store.messageRefs.find('discord', channelId, q.id);
    if (!card?.messageId)
      throw new RetryLater(
        `the card of query #${q.id} is not in Discord channel ${channelId} yet; its thread waits`,
        CARD_WAIT_MS,
      );
    // A thread started from a message has that message's id.
    const threadId = card.messageId;
    if (!(await store.threads.find('discord', threadId, null))) {
      await this.startThread(channelId, card.messageId, q);
      await store.threads.save({
        queryId: q.id,
        platform: 'discord',
        audience: 'staff',
        channelId: threadId,
        threadRootId: null,
        createdAt: this.deps.now(),
      });
    }
    return {
      key: `discord:staff:${threadId}`,
      platform: 'discord',
      audience: 'staff',
      channelId: threadId,
      threadRootId: null,
    };
  }

  private async startThread(channelId: string, messageId: string, q: QueryRecord): Promise<void> {
    const name = shorten(`#${q.id} ${q.heading.replace(/\s+/g, ' ').trim()}`.trim(), THREAD_NAME_MAX);
    try {
      await this.deps.rest.post(Routes.threads(channelId, messageId), {
        body: { name, auto_archive_duration: ARCHIVE_AFTER_MINUTES },
      });
    } catch (e) {
      if (apiCode(e) !== THREAD_ALREADY_CREATED) throw e;
    }
  }

  /** The client's DM, when Discord is how the client is reached (clientChatPlatform). */
  private async clientDm(q: QueryRecord): Promise<ConversationPlace | null> {
    const linked = await this.deps.store().identities.forUser(q.clientId);
    const account = linked.find((i) => i.platform === 'discord');
    if (!account || clientChatPlatform(q.platform, linked) !== 'discord') return null;
    const channelId = await this.deps.dmChannel(account.platformUserId);
    return {
      key: `discord:client:${channelId}`,
      platform: 'discord',
      audience: 'client',
      channelId,
      threadRootId: null,
    };
  }
}
