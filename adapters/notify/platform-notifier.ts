import type { Platform } from '../../core/domain/platform';
import type { ConversationNotifier } from '../../core/ports/conversation-notifier';
import type { AlertChannel, ChartImage, Notifier } from '../../core/ports/notifier';
import type { Reply } from '../../core/views/view-model';

/** One platform's delivery: what the composite notifier fans out to. */
export interface PlatformNotifier extends Notifier {
  readonly platform: Platform;
  /** When `error` is this platform's rate limit that its client gave up on: how long it asked to wait. */
  retryAfterMs?(error: unknown): number | undefined;
  /**
   * A report as the parts this platform posts one after another (its message, then its chart images), each of
   * which can be posted alone: a retry after the charts failed then posts only the charts. A platform without
   * it posts a report in one go (postReport).
   */
  reportParts?(channel: AlertChannel, report: Reply, charts: ChartImage[]): ReportPart[];
  /** How this platform shows queries' conversations; absent where it does not (the composite then skips it). */
  readonly conversation?: ConversationNotifier;
}

export interface ReportPart {
  /** Names the part in its delivery key (`<key>:<platform>:<name>`). */
  name: 'text' | 'charts';
  post(): Promise<void>;
}

/** A report posted in one go by a platform that lists its parts: each in turn. */
export async function postParts(parts: readonly ReportPart[]): Promise<void> {
  for (const part of parts) await part.post();
}
