import type { PlatformNotifier } from '../notify/platform-notifier';
import type { Platform } from '../../core/domain/platform';
import type { AlertChannel, AlertNotice, ChartImage, ChatPlace } from '../../core/ports/notifier';
import type { Store } from '../../core/ports/store';
import type { CardView, Reply } from '../../core/views/view-model';
import { oneLine, toneColour, type Paint } from './ansi';
import type { ReplyPrinter } from './reply-printer';
import { SHELL_WORKSPACE } from './shell-account';
import type { ButtonBoard, ShellConsole } from './shell-console';
import { ShellConversation } from './shell-conversation';
import type { ShellInbox } from './shell-inbox';

export interface ShellNotifierOptions {
  /** The store, read when a message is sent (the notifier is built before the desk). */
  store: () => Store;
  console: ShellConsole;
  printer: ReplyPrinter;
  board: ButtonBoard;
  paint: Paint;
  /** Where conversation messages to a shell user wait until the shell acts as them. */
  inbox: ShellInbox;
  channel?: string;
  now?: () => Date;
}

/**
 * The shell as a chat platform: the support channel is printed as `[#support] ...` lines (a card
 * posted once, then "updated"), and a direct message as `[to <username>] ...`, its buttons pressable
 * by that user's number once they are that user again (`/as <name>`).
 */
export class ShellNotifier implements PlatformNotifier {
  readonly platform = 'shell' as const;
  readonly conversation: ShellConversation;
  private readonly channel: string;

  constructor(private readonly deps: ShellNotifierOptions) {
    this.channel = deps.channel ?? 'support';
    this.conversation = new ShellConversation({ ...deps, channel: this.channel });
  }

  async upsertChannelCard(queryId: number, card: CardView): Promise<void> {
    const store = this.deps.store();
    const posted = await store.messageRefs.find('shell', this.channel, queryId);
    if (!posted)
      await store.messageRefs.save(
        { platform: 'shell', channelId: this.channel, queryId, messageId: `shell:${this.channel}:${queryId}` },
        (this.deps.now ?? (() => new Date()))(),
      );
    this.deps.console.notice([
      `[#${this.channel}] ${channelLine(card, posted ? 'updated' : 'posted', this.deps.paint)}`,
    ]);
  }

  async postAlert(to: AlertChannel, alert: AlertNotice): Promise<void> {
    const channel = to === 'support' ? this.channel : 'leads';
    const mention = alert.mention ? `@${oneLine(alert.mention.name, 40)}: ` : '';
    this.deps.console.notice([`[#${channel}] ${mention}${oneLine(alert.text, 200)}`]);
  }

  /** The shell has no place to post to later: its answers keep their charts (written as PNGs as they print). */
  async postCharts(_place: ChatPlace, _charts: ChartImage[]): Promise<void> {}

  /** A digest as `[#leads] ...` lines; its charts are written as PNG files like any answer's. */
  async postReport(to: AlertChannel, report: Reply, charts: ChartImage[]): Promise<void> {
    const channel = to === 'support' ? this.channel : 'leads';
    const { lines } = await this.deps.printer.lines({
      ...report,
      views: [...report.views, ...charts.map((c) => c.spec)],
    });
    this.deps.console.notice(lines.map((l) => `[#${channel}] ${l}`));
  }

  async sendDirect(userId: number, _platform: Platform, reply: Reply): Promise<boolean> {
    const store = this.deps.store();
    const shellIds = (await store.identities.forUser(userId)).filter(
      (i) => i.platform === 'shell' && i.workspaceId === SHELL_WORKSPACE,
    );
    if (shellIds.length === 0) return false;
    const user = await store.users.findById(userId);
    const { lines, buttons } = await this.deps.printer.lines(reply);
    for (const id of shellIds) this.deps.board.set(id.platformUserId, buttons);
    const to = `[to ${user?.username ?? `#${userId}`}]`;
    this.deps.console.notice(lines.map((l) => `${to} ${l}`));
    return true;
  }
}

/** A channel card on one line: `posted: #12 Card declined [Open] Category: Bug Report · Raised by: Zoe`. */
function channelLine(card: CardView, verb: 'posted' | 'updated', paint: Paint): string {
  const status = card.status ? ` ${paint(toneColour(card.tone), `[${card.status}]`)}` : '';
  const fields = card.fields
    .filter((f) => f.label !== 'Status' && f.label !== 'Opened')
    .map((f) => `${f.label}: ${oneLine(f.value, 60)}`);
  const buttons = card.buttons.length ? ` (${card.buttons.map((b) => oneLine(b.label, 20)).join(', ')})` : '';
  return `${verb}: ${oneLine(card.title, 80)}${status} ${fields.join(' · ')}${buttons}`;
}
