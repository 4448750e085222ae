import type { PlatformNotifier } from '../../adapters/notify/platform-notifier';
import type { Platform } from '../../core/domain/platform';
import type { AlertChannel, AlertNotice, ChartImage } from '../../core/ports/notifier';
import type { Reply } from '../../core/views/view-model';

/**
 * A platform that records what it posted, a line each (`channel: alert text`, `channel: report title (n images)`),
 * and refuses its first `failures` posts; each refusal runs `onFail` (a test can move the clock on, as a retry's
 * backoff would).
 */
export class FlakyPlatform implements PlatformNotifier {
  readonly posted: string[] = [];
  calls = 0;
  constructor(
    readonly platform: Platform,
    private failures = 0,
    private readonly onFail: () => void = () => undefined,
  ) {}

  postAlert(channel: AlertChannel, alert: AlertNotice): Promise<void> {
    return this.post(`${channel}: ${alert.text}`);
  }

  postReport(channel: AlertChannel, report: Reply, charts: ChartImage[]): Promise<void> {
    const head = report.views[0];
    return this.post(`${channel}: ${head && 'title' in head ? head.title : '?'} (${charts.length} images)`);
  }

  private async post(line: string): Promise<void> {
    this.calls++;
    if (this.failures-- > 0) {
      this.onFail();
      throw new Error(`${this.platform} is briefly away`);
    }
    this.posted.push(line);
  }

  async upsertChannelCard(): Promise<void> {}
  async postCharts(): Promise<void> {}
  async sendDirect(): Promise<boolean> {
    return false;
  }
}
