import { CARD_WAIT_MS } from '../../core/notifications/deliver-conversation';
import { clientChatPlatform } from '../../core/conversation/client-platform';
import type { ConversationPlace, ConversationThread } from '../../core/domain/conversation-place';
import type { QueryRecord } from '../../core/domain/query';
import type { ConversationNotifier } from '../../core/ports/conversation-notifier';
import type { ConversationThreadRepo } from '../../core/ports/conversation-store';
import { RetryLater } from '../../core/ports/job-queue';
import type { Store } from '../../core/ports/store';
import type { MessageCopyView } from '../../core/views/message-copy';
import type { SlackClient } from './block-kit';
import { escapeMrkdwn, mrkdwn, safeMrkdwn } from './mrkdwn';
import { contextLine } from './render-parts';
import { renderMessageCopy } from './render-message-copy';
import type { ReplySender } from './reply-sender';
import { slackErrorCode, type SlackLog } from './slack-log';

export interface SlackConversationOptions {
  client: SlackClient;
  /** The channel the cards are in (SLACK_SUPPORT_CHANNEL): each card's thread is the query's staff place. */
  supportChannel: string;
  /** Read when a place is needed (the notifier is built before the desk). */
  store: () => Pick<Store, 'messageRefs' | 'identities' | 'idempotency'> & { threads: ConversationThreadRepo };
  /** Opens (and remembers) the DM channel with a user. */
  sender: Pick<ReplySender, 'dmChannel'>;
  log: SlackLog;
  now?: () => Date;
}

/** How long one run may take to start a client's DM thread before another run may take over (a crashed one). */
export const DM_THREAD_LEASE_MS = 60_000;

/** The copy is gone already (deleted in Slack by someone): there is nothing left to mirror on. */
const GONE = new Set(['message_not_found', 'channel_not_found', 'is_archived']);

/**
 * Slack's places for a query's conversation and its copies there: the thread under the query's card in the support
 * channel (staff: every message, marked), and, for a client reached on Slack, a thread in their DM with the app
 * rooted at a "Query #N raised" message posted on first use (client: public messages). Each place is recorded
 * in the store's threads, so what is written there is routed back to the query.
 */
export class SlackConversationNotifier implements ConversationNotifier {
  constructor(private readonly deps: SlackConversationOptions) {}

  async conversationPlaces(q: QueryRecord): Promise<ConversationPlace[]> {
    const staff = await this.staffPlace(q);
    const client = await this.clientPlace(q);
    return client ? [staff, client] : [staff];
  }

  async postMessageCopy(place: ConversationPlace, copy: MessageCopyView): Promise<string> {
    const { text, blocks } = renderMessageCopy(copy);
    const thread = place.threadRootId ? { thread_ts: place.threadRootId } : {};
    const res = await this.deps.client.chat.postMessage({ channel: place.channelId, text, blocks, ...thread });
    if (!res.ts) throw new Error(`chat.postMessage gave no ts for message ${copy.seq} of query #${copy.queryId}`);
    // Files follow the message in the same thread (Slack shares them as a message of their own).
    if (copy.files.length)
      await this.deps.client.filesUploadV2({
        channel_id: place.channelId,
        ...thread,
        file_uploads: copy.files.map((f) => ({ file: Buffer.from(f.data), filename: f.filename, title: f.filename })),
      });
    return res.ts;
  }

  async reviseMessageCopy(place: ConversationPlace, platformMessageId: string, copy: MessageCopyView): Promise<void> {
    const ts = platformMessageId;
    try {
      // A client's copy of a deleted message goes; a staff thread keeps a visible marker where it was.
      if (copy.deleted && place.audience === 'client') {
        await this.deps.client.chat.delete({ channel: place.channelId, ts });
        return;
      }
      const { text, blocks } = renderMessageCopy(copy);
      await this.deps.client.chat.update({ channel: place.channelId, ts, text, blocks });
    } catch (e) {
      if (!GONE.has(slackErrorCode(e) ?? '')) throw e;
      this.deps.log.warn(
        `copy ${ts} of message ${copy.seq} of query #${copy.queryId} in ${place.channelId} is gone (${slackErrorCode(e)}); nothing to revise`,
      );
    }
  }

  /** The thread under the card; the card must be posted first (RetryLater until it is). */
  private async staffPlace(q: QueryRecord): Promise<ConversationPlace> {
    const channel = this.deps.supportChannel;
    const store = this.deps.store();
    const card = await store.messageRefs.find('slack', channel, q.id);
    // The card's own job is usually a moment ahead: a quiet wait, not a failed attempt logged as one.
    if (!card?.messageId)
      throw new RetryLater(`the card of query #${q.id} is not posted in ${channel} yet`, CARD_WAIT_MS);
    if (!(await store.threads.find('slack', channel, card.messageId)))
      await store.threads.save(this.thread(q.id, 'staff', channel, card.messageId));
    return place('staff', channel, card.messageId);
  }

  /**
   * The client's DM thread, when Slack is how the client is reached (clientChatPlatform). Started (root posted, thread recorded) by one run at a time.
   */
  private async clientPlace(q: QueryRecord): Promise<ConversationPlace | null> {
    const store = this.deps.store();
    const [known] = await store.threads.forQuery(q.id, 'slack', 'client');
    if (known) return place('client', known.channelId, known.threadRootId);
    const accounts = await store.identities.forUser(q.clientId);
    const slack = accounts.find((a) => a.platform === 'slack');
    if (!slack || clientChatPlatform(q.platform, accounts) !== 'slack') return null;
    const key = `slack:client-thread:${q.id}`;
    const now = this.now();
    if (!(await store.idempotency.claim(key, now))) {
      const [started] = await store.threads.forQuery(q.id, 'slack', 'client');
      if (started) return place('client', started.channelId, started.threadRootId);
      if (!(await store.idempotency.takeOver(key, new Date(now.getTime() - DM_THREAD_LEASE_MS), now)))
        throw new RetryLater(`the DM thread of query #${q.id} is being started by another run`, 2000);
    }
    try {
      const channel = await this.deps.sender.dmChannel({ teamId: slack.workspaceId, userId: slack.platformUserId });
      const heading = `Query #${q.id} raised: ${q.heading}`;
      const res = await this.deps.client.chat.postMessage({
        channel,
        text: escapeMrkdwn(heading),
        blocks: [
          { type: 'section', text: mrkdwn(`*${safeMrkdwn(heading, 2900)}*`) },
          contextLine('Reply in this thread to add to this query; what the desk says about it appears here.'),
        ],
      });
      if (!res.ts) throw new Error(`chat.postMessage gave no ts for the DM thread of query #${q.id}`);
      await store.threads.save(this.thread(q.id, 'client', channel, res.ts));
      return place('client', channel, res.ts);
    } catch (e) {
      // Another run may start it again (a root posted twice rather than never).
      await store.idempotency.release(key, now).catch(() => undefined);
      throw e;
    }
  }

  private thread(queryId: number, audience: 'staff' | 'client', channelId: string, root: string): ConversationThread {
    return { queryId, platform: 'slack', audience, channelId, threadRootId: root, createdAt: this.now() };
  }

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }
}

function place(audience: 'staff' | 'client', channelId: string, threadRootId: string | null): ConversationPlace {
  return { key: `slack:${audience}:${channelId}`, platform: 'slack', audience, channelId, threadRootId };
}
