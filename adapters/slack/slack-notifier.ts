import type { Platform } from '../../core/domain/platform';
import type { ConversationNotifier } from '../../core/ports/conversation-notifier';
import type { AlertChannel, AlertNotice, ChartImage, ChatPlace } from '../../core/ports/notifier';
import type { Store } from '../../core/ports/store';
import { ephemeral, type CardView, type Reply } from '../../core/views/view-model';
import { postParts, type PlatformNotifier, type ReportPart } from '../notify/platform-notifier';
import type { SlackClient } from './block-kit';
import type { SlackUserRef } from './inbound';
import { KeyedLock } from '../concurrency/keyed-lock';
import { renderReply } from './render-reply';
import type { ReplySender } from './reply-sender';
import { escapeMrkdwn } from './mrkdwn';
import { postSlackCharts, slackReportParts } from './post-charts';
import { slackErrorCode, type SlackLog } from './slack-log';
import { slackRetryAfterMs } from './rate-limit';
import { upsertCard } from '../notify/card-upsert';

export interface SlackNotifierOptions {
  client: SlackClient;
  /** The channel id query cards are posted to (SLACK_SUPPORT_CHANNEL). */
  supportChannel: string;
  /** The channel id breach alerts also go to (SLACK_LEADS_CHANNEL); none: leads alerts are skipped on Slack. */
  leadsChannel?: string;
  /** The store, read when a message is sent (the notifier is built before the desk). */
  store: () => Pick<Store, 'messageRefs' | 'identities'>;
  sender: ReplySender;
  log: SlackLog;
  now?: () => Date;
  /** Called after a user got a DM (the wiring refreshes their App Home). */
  onDirect?: (user: SlackUserRef) => void;
  /** Queries' conversations in the card's thread and the client's DM thread (slack-conversation-notifier.ts). */
  conversation?: ConversationNotifier;
}

/** chat.update cannot edit this message any more: post a new card instead. */
const GONE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

/**
 * Slack as a notification platform: a query's card is posted to the support channel once (chat.postMessage)
 * and its ts kept in message_refs, then edited in place (chat.update) on every change, under the card's claim
 * (upsertCard); a client is told by
 * DM (conversations.open + chat.postMessage). Failures throw, so the job queue retries them.
 */
export class SlackNotifier implements PlatformNotifier {
  readonly platform = 'slack' as const;
  readonly retryAfterMs = slackRetryAfterMs;
  private readonly lock = new KeyedLock<number>();
  readonly conversation?: ConversationNotifier;

  constructor(private readonly deps: SlackNotifierOptions) {
    if (deps.conversation) this.conversation = deps.conversation;
  }

  upsertChannelCard(queryId: number, card: CardView): Promise<void> {
    // One query's cards in order within this process (no claim to wait for); upsertCard orders them across processes.
    return this.lock.run(queryId, () => this.upsert(queryId, card));
  }

  private upsert(queryId: number, card: CardView): Promise<void> {
    const { client, supportChannel: channel, log } = this.deps;
    const { blocks, text } = renderReply(ephemeral(card));
    const refs = this.deps.store().messageRefs;
    return upsertCard(
      { refs, now: this.deps.now ?? (() => new Date()), warn: (m) => log.warn(m) },
      { platform: 'slack', channelId: channel, queryId },
      card.version,
      {
        post: async () => {
          const res = await client.chat.postMessage({ channel, text, blocks });
          if (!res.ts) throw new Error(`chat.postMessage gave no ts for the card of query #${queryId}`);
          return res.ts;
        },
        edit: async (ts) => {
          try {
            await client.chat.update({ channel, ts, text, blocks });
            return true;
          } catch (e) {
            if (!GONE.has(slackErrorCode(e) ?? '')) throw e;
            log.warn(
              `card of query #${queryId} (ts ${ts}) can no longer be edited (${slackErrorCode(e)}); posting it again`,
            );
            return false;
          }
        },
      },
    );
  }

  async postAlert(to: AlertChannel, alert: AlertNotice): Promise<void> {
    const channel = to === 'support' ? this.deps.supportChannel : this.deps.leadsChannel;
    if (!channel) return;
    let mention = '';
    if (alert.mention) {
      const linked = (await this.deps.store().identities.forUser(alert.mention.userId)).find(
        (i) => i.platform === 'slack',
      );
      mention = `${linked ? `<@${linked.platformUserId}>` : escapeMrkdwn(alert.mention.name)}: `;
    }
    await this.deps.client.chat.postMessage({ channel, text: `${mention}${escapeMrkdwn(alert.text)}` });
  }

  postCharts(place: ChatPlace, charts: ChartImage[]): Promise<void> {
    return postSlackCharts(this.deps, place, charts);
  }

  postReport(to: AlertChannel, report: Reply, charts: ChartImage[]): Promise<void> {
    return postParts(this.reportParts(to, report, charts));
  }

  /** The message, then the chart upload; none where the channel is unset. */
  reportParts(to: AlertChannel, report: Reply, charts: ChartImage[]): ReportPart[] {
    const channel = to === 'support' ? this.deps.supportChannel : this.deps.leadsChannel;
    return channel ? slackReportParts(this.deps.client, channel, report, charts) : [];
  }

  async sendDirect(userId: number, _platform: Platform, reply: Reply): Promise<boolean> {
    const accounts = (await this.deps.store().identities.forUser(userId)).filter((i) => i.platform === 'slack');
    let told = false;
    for (const a of accounts) {
      const user = { teamId: a.workspaceId, userId: a.platformUserId };
      try {
        await this.deps.sender.sendDirect(user, reply);
        told = true;
        this.deps.onDirect?.(user);
      } catch (e) {
        // A user who left the workspace cannot be reached there; anything else is worth a retry.
        if (!['user_not_found', 'user_disabled', 'cannot_dm_bot', 'account_inactive'].includes(slackErrorCode(e) ?? ''))
          throw e;
        this.deps.log.warn(`Slack user ${a.platformUserId} cannot be messaged (${slackErrorCode(e)})`);
      }
    }
    return told;
  }
}
