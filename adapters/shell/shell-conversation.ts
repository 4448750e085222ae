import type { ConversationPlace } from '../../core/domain/conversation-place';
import type { QueryRecord } from '../../core/domain/query';
import type { ConversationNotifier } from '../../core/ports/conversation-notifier';
import type { Store } from '../../core/ports/store';
import type { MessageCopyView } from '../../core/views/message-copy';
import { oneLine, visible, type Paint } from './ansi';
import { SHELL_WORKSPACE } from './shell-account';
import type { ShellConsole } from './shell-console';
import type { ShellInbox } from './shell-inbox';

export interface ShellConversationOptions {
  store: () => Store;
  console: ShellConsole;
  inbox: ShellInbox;
  paint: Paint;
  channel: string;
}

/**
 * Conversations in the shell: the support channel's thread of a query prints every message as
 * `[#support #12] ...` lines (internal notes marked), and a client signed in on the shell gets the public ones
 * as `[to zoe] ...` lines, shown when the shell acts as them.
 */
export class ShellConversation implements ConversationNotifier {
  constructor(private readonly deps: ShellConversationOptions) {}

  async conversationPlaces(q: QueryRecord): Promise<ConversationPlace[]> {
    const staff: ConversationPlace = {
      key: `shell:staff:${this.deps.channel}`,
      platform: 'shell',
      audience: 'staff',
      channelId: this.deps.channel,
      threadRootId: `#${q.id}`,
    };
    const client = await this.clientName(q.clientId);
    if (!client) return [staff];
    return [
      staff,
      {
        key: `shell:client:${client}`,
        platform: 'shell',
        audience: 'client',
        channelId: `to:${client}`,
        threadRootId: null,
      },
    ];
  }

  async postMessageCopy(place: ConversationPlace, copy: MessageCopyView): Promise<string> {
    this.show(place, copy.queryId, [
      ...this.said(copy),
      ...copy.files.map(
        (f) => `  attached: ${oneLine(f.filename, 100)} (${f.contentType}, ${f.data.byteLength} bytes)`,
      ),
    ]);
    return `${place.key}:${copy.queryId}:${copy.seq}`;
  }

  async reviseMessageCopy(place: ConversationPlace, _platformMessageId: string, copy: MessageCopyView): Promise<void> {
    this.show(
      place,
      copy.queryId,
      copy.deleted
        ? [`message ${copy.seq} by ${visible(copy.authorName)} was deleted`]
        : [`message ${copy.seq} edited:`, ...this.said(copy)],
    );
  }

  private said(copy: MessageCopyView): string[] {
    const { paint } = this.deps;
    const mark =
      copy.mark === 'internal'
        ? paint('yellow', ' [internal note]')
        : copy.mark === 'sentToClient'
          ? paint('dim', ' [to the client]')
          : '';
    const [first = '', ...rest] = copy.text.split(/\r?\n/);
    return [
      `${paint('bold', visible(copy.authorName))} (${copy.authorRole})${mark}: ${visible(first)}`,
      ...rest.map((l) => `  ${visible(l)}`),
    ];
  }

  private show(place: ConversationPlace, queryId: number, lines: string[]): void {
    if (place.audience === 'staff') {
      this.deps.console.notice(lines.map((l) => `[#${place.channelId} #${queryId}] ${l}`));
      return;
    }
    const user = place.channelId.replace(/^to:/, '');
    this.deps.inbox.deliver(
      user,
      lines.map((l) => `[to ${user}] #${queryId} ${l}`),
    );
  }

  /** The client's shell name when they are signed in on the shell; null when the shell cannot reach them. */
  private async clientName(userId: number): Promise<string | null> {
    const ids = await this.deps.store().identities.forUser(userId);
    return ids.find((i) => i.platform === 'shell' && i.workspaceId === SHELL_WORKSPACE)?.platformUserId ?? null;
  }
}
