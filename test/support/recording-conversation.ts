import type { ConversationPlace } from '../../core/domain/conversation-place';
import type { QueryRecord } from '../../core/domain/query';
import type { ConversationNotifier } from '../../core/ports/conversation-notifier';
import type { Store } from '../../core/ports/store';
import type { MessageCopyView } from '../../core/views/message-copy';

export interface RecordedCopy {
  place: ConversationPlace;
  copy: MessageCopyView;
  id: string;
}

/**
 * A platform that shows conversations and records what it was asked to post: a support thread per query under
 * its card (`C-SUPPORT`, root `card-<id>`) and the client's DM thread (`D-<clientId>`, root `root-<id>`), both
 * recorded in the store as a platform would, so messages written there route back. `delayMs` makes each post
 * take that long, so concurrent deliveries overlap.
 */
export class RecordingConversation implements ConversationNotifier {
  readonly posted: RecordedCopy[] = [];
  readonly revised: RecordedCopy[] = [];
  private next = 0;

  constructor(
    private readonly store: () => Store,
    private readonly o: { delayMs?: number; platform?: 'slack' | 'discord' } = {},
  ) {}

  async conversationPlaces(q: QueryRecord): Promise<ConversationPlace[]> {
    const platform = this.o.platform ?? 'slack';
    const places: ConversationPlace[] = [
      {
        key: `${platform}:staff:C-SUPPORT`,
        platform,
        audience: 'staff',
        channelId: 'C-SUPPORT',
        threadRootId: `card-${q.id}`,
      },
      {
        key: `${platform}:client`,
        platform,
        audience: 'client',
        channelId: `D-${q.clientId}`,
        threadRootId: `root-${q.id}`,
      },
    ];
    for (const p of places)
      await this.store().threads.save({
        queryId: q.id,
        platform,
        audience: p.audience,
        channelId: p.channelId,
        threadRootId: p.threadRootId,
        createdAt: q.createdAt,
      });
    return places;
  }

  async postMessageCopy(place: ConversationPlace, copy: MessageCopyView): Promise<string> {
    if (this.o.delayMs) await new Promise((r) => setTimeout(r, this.o.delayMs));
    const id = `m${++this.next}`;
    this.posted.push({ place, copy, id });
    return id;
  }

  async reviseMessageCopy(place: ConversationPlace, id: string, copy: MessageCopyView): Promise<void> {
    this.revised.push({ place, copy, id });
  }

  /** What one audience's place of a query got, in the order it was posted. */
  at(queryId: number, audience: 'staff' | 'client'): MessageCopyView[] {
    return this.posted.filter((p) => p.place.audience === audience && p.copy.queryId === queryId).map((p) => p.copy);
  }
}
