import type { Platform } from '../../core/domain/platform';
import type { AlertChannel, AlertNotice, ChartImage, ChatPlace, Notifier } from '../../core/ports/notifier';
import type { CardView, Reply } from '../../core/views/view-model';

export interface PlatformNotifier extends Notifier {
  readonly platform: Platform;
}

/**
 * One desk across platforms: a card goes to every configured support channel, and a client is told on
 * the platform they used, or on another where they are linked when that one cannot reach them.
 */
export class CompositeNotifier implements Notifier {
  constructor(private readonly notifiers: readonly PlatformNotifier[]) {}

  async upsertChannelCard(queryId: number, card: CardView): Promise<void> {
    const results = await Promise.allSettled(this.notifiers.map((n) => n.upsertChannelCard(queryId, card)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // Re-running the job is safe: each platform updates its message in place.
    if (failed) throw failed.reason;
  }

  postAlert(channel: AlertChannel, alert: AlertNotice): Promise<void> {
    return this.everyone((n) => n.postAlert(channel, alert));
  }

  /** Only the place's platform posts; the others skip it. */
  postCharts(place: ChatPlace, charts: ChartImage[]): Promise<void> {
    return this.everyone((n) => (n.platform === place.platform ? n.postCharts(place, charts) : Promise.resolve()));
  }

  postReport(channel: AlertChannel, report: Reply, charts: ChartImage[]): Promise<void> {
    return this.everyone((n) => n.postReport(channel, report, charts));
  }

  /** Every platform tries; the first failure is thrown afterwards, so the job retries. */
  private async everyone(post: (n: PlatformNotifier) => Promise<void>): Promise<void> {
    const results = await Promise.allSettled(this.notifiers.map(post));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async sendDirect(userId: number, platform: Platform, reply: Reply): Promise<boolean> {
    const ordered = [...this.notifiers].sort((a, b) => Number(b.platform === platform) - Number(a.platform === platform));
    for (const n of ordered) if (await n.sendDirect(userId, n.platform, reply)) return true;
    return false;
  }
}
