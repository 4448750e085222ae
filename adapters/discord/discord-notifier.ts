import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { Platform } from '../../core/domain/platform';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import type { AlertChannel, AlertNotice, ChartImage, ChatPlace } from '../../core/ports/notifier';
import type { Store } from '../../core/ports/store';
import type { CardView, Reply } from '../../core/views/view-model';
import { postParts, type PlatformNotifier, type ReportPart } from '../notify/platform-notifier';
import { restPayload, type DiscordMessage } from './discord-message';
import type { DiscordLog } from './discord-log';
import type { InteractionTokens } from './recent-interactions';
import { renderReply } from './render-reply';
import { CANNOT_DM, postDiscordCharts, postDiscordReport } from './post-charts';
import { LIMITS, plain } from './discord-text';
import { KeyedLock } from '../concurrency/keyed-lock';
import { discordRetryAfterMs } from './rate-limit';
import { upsertCard } from '../notify/card-upsert';
import { DiscordConversation } from './discord-conversation';

export interface DiscordNotifierOptions {
  rest: Pick<REST, 'post' | 'patch' | 'get' | 'delete'>;
  /** Channel ids query cards are posted to (DISCORD_SUPPORT_CHANNEL_ID). */
  supportChannels: readonly string[];
  /** Channel ids breach alerts also go to (DISCORD_LEADS_CHANNEL_ID). */
  leadsChannels?: readonly string[];
  /** The store, read when a message is sent (the notifier is built before the desk). */
  store: () => Pick<Store, 'messageRefs' | 'identities' | 'threads'>;
  charts: ChartRenderer;
  recent: InteractionTokens;
  log: DiscordLog;
  now?: () => Date;
}

/** Discord's codes for a message that is gone (CANNOT_DM: a user who cannot be sent a DM). */
const UNKNOWN_MESSAGE = 10008;
const UNKNOWN_CHANNEL = 10003;

/** Under 300 characters, so with the mention and a notice cut to 1,600 the message stays within Discord's 2,000. */
const OPEN_DMS =
  "CQMS could not tell you this privately: your direct messages from this server are closed. To get updates (and the rating buttons) in DMs, turn on Direct Messages in this server's Privacy Settings. `/cqms mine` lists your queries.";

const apiCode = (e: unknown) => (e instanceof DiscordAPIError && typeof e.code === 'number' ? e.code : undefined);

/**
 * Discord as a notification platform: a query's card is posted to each support channel once
 * (POST /channels/:id/messages), its message id kept in message_refs, then edited in place (PATCH) on every
 * change, under the card's claim (upsertCard). A client is told by DM (POST /users/@me/channels, then a message); when their DMs are closed, as an
 * ephemeral follow-up on their latest interaction while its token is valid (kept in Redis when there is one, so
 * any worker can); else by a message in the support channel that mentions only them, with the notice's first
 * line and how to open their DMs.
 * Other failures throw, so the job queue retries them. A query's conversation goes through `conversation`.
 */
export class DiscordNotifier implements PlatformNotifier {
  readonly platform = 'discord' as const;
  readonly retryAfterMs = discordRetryAfterMs;
  private readonly serial = new KeyedLock<string>();
  private readonly dmChannels = new Map<string, string>();
  /** The support threads and DMs a query's conversation is relayed to. */
  readonly conversation: DiscordConversation;

  constructor(private readonly deps: DiscordNotifierOptions) {
    this.conversation = new DiscordConversation({
      rest: deps.rest,
      supportChannels: deps.supportChannels,
      store: deps.store,
      dmChannel: (id) => this.dmChannel(id),
      log: deps.log,
      now: deps.now ?? (() => new Date()),
    });
  }

  async upsertChannelCard(queryId: number, card: CardView): Promise<void> {
    const [message] = await this.render({ visibility: 'public', views: [card] });
    if (!message) return;
    await Promise.all(
      this.deps.supportChannels.map((channelId) =>
        this.serial.run(`${channelId}:${queryId}`, () => this.upsert(channelId, queryId, message, card.version)),
      ),
    );
  }

  async postAlert(to: AlertChannel, alert: AlertNotice): Promise<void> {
    const channels = to === 'support' ? this.deps.supportChannels : (this.deps.leadsChannels ?? []);
    if (!channels.length) return;
    const linked = alert.mention
      ? (await this.deps.store().identities.forUser(alert.mention.userId)).find((i) => i.platform === 'discord')
      : undefined;
    const mention = linked
      ? `<@${linked.platformUserId}>: `
      : alert.mention
        ? `${plain(alert.mention.name, 100)}: `
        : '';
    // Only the assignee may be pinged: any mention-like text in the alert stays inert.
    const body = {
      content: `${mention}${plain(alert.text, LIMITS.content - 200)}`,
      allowed_mentions: { parse: [], users: linked ? [linked.platformUserId] : [] },
    };
    await Promise.all(channels.map((channelId) => this.deps.rest.post(Routes.channelMessages(channelId), { body })));
  }

  postCharts(place: ChatPlace, charts: ChartImage[]): Promise<void> {
    return postDiscordCharts({ ...this.deps, dmChannel: (id) => this.dmChannel(id) }, place, charts);
  }

  postReport(to: AlertChannel, report: Reply, charts: ChartImage[]): Promise<void> {
    return postParts(this.reportParts(to, report, charts));
  }

  /** The report's messages, then its chart messages: a retry after the charts failed posts only them. */
  reportParts(to: AlertChannel, report: Reply, charts: ChartImage[]): ReportPart[] {
    const channels = to === 'support' ? this.deps.supportChannels : (this.deps.leadsChannels ?? []);
    if (!channels.length) return [];
    return [
      {
        name: 'text',
        post: async () =>
          postDiscordReport(this.deps.rest, channels, await this.render({ ...report, visibility: 'public' }), []),
      },
      { name: 'charts', post: () => postDiscordReport(this.deps.rest, channels, [], charts) },
    ];
  }

  async sendDirect(userId: number, _platform: Platform, reply: Reply): Promise<boolean> {
    const accounts = (await this.deps.store().identities.forUser(userId)).filter((i) => i.platform === 'discord');
    if (!accounts.length) return false;
    const messages = await this.render({ ...reply, visibility: 'public' });
    let told = false;
    for (const a of accounts)
      if ((await this.tell(a.platformUserId, messages)) || (await this.askToOpenDms(a.platformUserId, reply)))
        told = true;
    return told;
  }

  private upsert(channelId: string, queryId: number, m: DiscordMessage, version: number | undefined): Promise<void> {
    const { rest, log } = this.deps;
    const refs = this.deps.store().messageRefs;
    return upsertCard(
      { refs, now: this.deps.now ?? (() => new Date()), warn: (w) => log.warn(w) },
      { platform: 'discord', channelId, queryId },
      version,
      {
        post: async () => ((await rest.post(Routes.channelMessages(channelId), restPayload(m))) as { id: string }).id,
        edit: async (messageId) => {
          try {
            await rest.patch(Routes.channelMessage(channelId, messageId), restPayload(m));
            return true;
          } catch (e) {
            if (apiCode(e) !== UNKNOWN_MESSAGE) throw e;
            log.warn(
              `the card of query #${queryId} (message ${messageId}) is gone from channel ${channelId}; posting it again`,
            );
            return false;
          }
        },
      },
    );
  }

  private async tell(discordUserId: string, messages: DiscordMessage[]): Promise<boolean> {
    try {
      const channelId = await this.dmChannel(discordUserId);
      for (const m of messages) await this.deps.rest.post(Routes.channelMessages(channelId), restPayload(m));
      return true;
    } catch (e) {
      const code = apiCode(e);
      if (code === UNKNOWN_CHANNEL) this.dmChannels.delete(discordUserId);
      if (code === undefined || !CANNOT_DM.includes(code)) throw e;
    }
    const token = await this.deps.recent.valid(discordUserId).catch((e: unknown) => {
      this.deps.log.warn(`the recent interactions could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    });
    if (!token) {
      this.deps.log.warn(
        `Discord user ${discordUserId} does not take DMs and has no recent interaction to answer; asking them in the support channel to open their DMs`,
      );
      return false;
    }
    try {
      for (const m of messages)
        await this.deps.rest.post(Routes.webhook(token.applicationId, token.token), {
          ...restPayload(m, { ephemeral: true }),
          auth: false,
        });
      return true;
    } catch (e) {
      this.deps.log.warn(
        `Discord user ${discordUserId} does not take DMs and the follow-up failed: ${e instanceof Error ? e.message : String(e)}`,
      );
      return false;
    }
  }

  /**
   * The last resort: a message in each support channel pinging this user alone (any mention-like text in the
   * notice stays inert), with the notice's first line, so a client who can see the channel learns both the news
   * and why it did not come privately. No card and no buttons: the channel is the agents'.
   */
  private async askToOpenDms(discordUserId: string, reply: Reply): Promise<boolean> {
    if (!this.deps.supportChannels.length) return false;
    const notice = reply.views.find((v) => v.kind === 'text')?.text ?? 'There is news about your query.';
    const content = `<@${discordUserId}> ${plain(notice, LIMITS.content - 400)}\n${OPEN_DMS}`;
    const body = { content, allowed_mentions: { parse: [], users: [discordUserId] } };
    await Promise.all(
      this.deps.supportChannels.map((channelId) => this.deps.rest.post(Routes.channelMessages(channelId), { body })),
    );
    return true;
  }

  private async dmChannel(discordUserId: string): Promise<string> {
    const known = this.dmChannels.get(discordUserId);
    if (known) return known;
    const channel = (await this.deps.rest.post(Routes.userChannels(), { body: { recipient_id: discordUserId } })) as {
      id: string;
    };
    this.dmChannels.set(discordUserId, channel.id);
    if (this.dmChannels.size > 10_000) this.dmChannels.delete(this.dmChannels.keys().next().value as string);
    return channel.id;
  }

  private render(reply: Reply): Promise<DiscordMessage[]> {
    return renderReply(reply, {
      charts: this.deps.charts,
      onChartError: (e) => this.deps.log.warn(`a chart was not drawn: ${String(e)}`),
    });
  }
}
