import type { Platform } from '../../core/domain/platform';
import type { AlertChannel, AlertNotice, Notifier } from '../../core/ports/notifier';
import type { CardView, Reply } from '../../core/views/view-model';
import { onEveryPlatform, platformFailure } from './platform-failure';

export interface PlatformNotifier extends Notifier {
  readonly platform: Platform;
  /** When `error` is this platform's rate limit that its client gave up on: how long it asked to wait. */
  retryAfterMs?(error: unknown): number | undefined;
}

/**
 * One desk across platforms: a card goes to every configured support channel, and a client is told on
 * the platform they used, or on another where they are linked when that one cannot reach them.
 */
export class CompositeNotifier implements Notifier {
  constructor(private readonly notifiers: readonly PlatformNotifier[]) {}

  upsertChannelCard(queryId: number, card: CardView): Promise<void> {
    // Re-running the job is safe: each platform updates its message in place.
    return onEveryPlatform(this.notifiers, (n) => n.upsertChannelCard(queryId, card));
  }

  postAlert(channel: AlertChannel, alert: AlertNotice): Promise<void> {
    return onEveryPlatform(this.notifiers, (n) => n.postAlert(channel, alert));
  }

  async sendDirect(userId: number, platform: Platform, reply: Reply): Promise<boolean> {
    const ordered = [...this.notifiers].sort((a, b) => Number(b.platform === platform) - Number(a.platform === platform));
    for (const n of ordered) {
      try {
        if (await n.sendDirect(userId, n.platform, reply)) return true;
      } catch (error) {
        throw platformFailure([{ notifier: n, error }]);
      }
    }
    return false;
  }
}
