import type { ConversationPlace } from '../../core/domain/conversation-place';
import type { Platform } from '../../core/domain/platform';
import type { QueryRecord } from '../../core/domain/query';
import type { ConversationNotifier } from '../../core/ports/conversation-notifier';
import type { MessageCopyView } from '../../core/views/message-copy';
import type { AlertChannel, AlertNotice, ChartImage, ChatPlace, Notifier } from '../../core/ports/notifier';
import type { IdempotencyRepo } from '../../core/ports/store';
import type { CardView, Reply } from '../../core/views/view-model';
import { WillNotSucceed } from '../../core/ports/job-queue';
import { onEveryPlatform, platformFailure } from './platform-failure';
import type { PlatformNotifier } from './platform-notifier';

export interface CompositeNotifierOptions {
  /** Where each platform's completed deliveries are recorded (the store's idempotency keys). */
  delivered?: () => Pick<IdempotencyRepo, 'seen' | 'claim'>;
  now?: () => Date;
}

/**
 * One desk across platforms: a card goes to every configured support channel, and a client is told on
 * the platform they used, or on another where they are linked when that one cannot reach them.
 */
export class CompositeNotifier implements Notifier, ConversationNotifier {
  constructor(
    private readonly notifiers: readonly PlatformNotifier[],
    private readonly record: CompositeNotifierOptions = {},
  ) {}

  upsertChannelCard(queryId: number, card: CardView): Promise<void> {
    // Re-running the job is safe: each platform updates its message in place.
    return onEveryPlatform(this.notifiers, (n) => n.upsertChannelCard(queryId, card));
  }

  postAlert(channel: AlertChannel, alert: AlertNotice): Promise<void> {
    return onEveryPlatform(this.notifiers, (n) =>
      this.oncePerPlatform(alert.deliveryKey, n, () => n.postAlert(channel, alert)),
    );
  }

  /**
   * Posts unless this platform already posted the same delivery (an earlier run of a job that then failed on
   * another platform), and records it once posted. A crash between the post and the record posts it again: a
   * message twice rather than never.
   */
  private oncePerPlatform(
    deliveryKey: string | undefined,
    n: PlatformNotifier,
    post: () => Promise<void>,
  ): Promise<void> {
    return this.once(deliveryKey && `${deliveryKey}:${n.platform}`, post);
  }

  private async once(key: string | undefined, post: () => Promise<void>): Promise<void> {
    const ledger = this.record.delivered?.();
    if (!key || !ledger) return post();
    if (await ledger.seen(key)) return;
    await post();
    await ledger.claim(key, (this.record.now ?? (() => new Date()))());
  }

  /**
   * Only the place's platform posts; the others skip it. So no platform has posted when the job fails and
   * retries: chart jobs need no delivery key.
   */
  postCharts(place: ChatPlace, charts: ChartImage[]): Promise<void> {
    return onEveryPlatform(this.notifiers, (n) =>
      n.platform === place.platform ? n.postCharts(place, charts) : Promise.resolve(),
    );
  }

  /**
   * The report and its charts are one delivery per platform: a retry posts them only where they did not go.
   * Where the platform posts the report in parts, each part is a delivery of its own within it, so a retry
   * after the charts failed does not post the message again.
   */
  postReport(channel: AlertChannel, report: Reply, charts: ChartImage[], deliveryKey?: string): Promise<void> {
    return onEveryPlatform(this.notifiers, (n) =>
      this.oncePerPlatform(deliveryKey, n, () => this.reportOn(n, channel, report, charts, deliveryKey)),
    );
  }

  private async reportOn(
    n: PlatformNotifier,
    channel: AlertChannel,
    report: Reply,
    charts: ChartImage[],
    deliveryKey: string | undefined,
  ): Promise<void> {
    const parts = n.reportParts?.(channel, report, charts);
    if (!parts) return n.postReport(channel, report, charts);
    for (const part of parts)
      await this.once(deliveryKey && `${deliveryKey}:${n.platform}:${part.name}`, () => part.post());
  }

  async sendDirect(userId: number, platform: Platform, reply: Reply): Promise<boolean> {
    const ordered = [...this.notifiers].sort(
      (a, b) => Number(b.platform === platform) - Number(a.platform === platform),
    );
    for (const n of ordered) {
      try {
        if (await n.sendDirect(userId, n.platform, reply)) return true;
      } catch (error) {
        throw platformFailure([{ notifier: n, error }]);
      }
    }
    return false;
  }

  /** Every platform's places; all or nothing (see settledPlaces for the delivery's way). */
  async conversationPlaces(q: QueryRecord): Promise<ConversationPlace[]> {
    const { places, failure } = await this.settledPlaces(q);
    if (failure) throw failure;
    return places;
  }

  async settledPlaces(q: QueryRecord): Promise<{ places: ConversationPlace[]; failure: unknown }> {
    const showing = this.notifiers.filter((n) => n.conversation);
    const results = await Promise.allSettled(showing.map((n) => n.conversation!.conversationPlaces(q)));
    const failures = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ notifier: showing[i]!, error: r.reason as unknown }] : [],
    );
    return {
      places: results.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])),
      failure: failures.length ? platformFailure(failures) : null,
    };
  }

  postMessageCopy(place: ConversationPlace, copy: MessageCopyView): Promise<string> {
    const { notifier, conversation } = this.showing(place);
    return conversation.postMessageCopy(place, copy).catch((error: unknown) => {
      throw platformFailure([{ notifier, error }]);
    });
  }

  reviseMessageCopy(place: ConversationPlace, platformMessageId: string, copy: MessageCopyView): Promise<void> {
    const { notifier, conversation } = this.showing(place);
    return conversation.reviseMessageCopy(place, platformMessageId, copy).catch((error: unknown) => {
      throw platformFailure([{ notifier, error }]);
    });
  }

  /** The platform a place is on: only it posts there. */
  private showing(place: ConversationPlace): { notifier: PlatformNotifier; conversation: ConversationNotifier } {
    const notifier = this.notifiers.find((n) => n.platform === place.platform && n.conversation);
    if (!notifier) throw new WillNotSucceed(`no ${place.platform} notifier shows conversations (place ${place.key})`);
    return { notifier, conversation: notifier.conversation! };
  }
}
