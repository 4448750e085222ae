import type { DeskDeps } from '../desk/desk-deps';
import type { ConversationNotifier } from '../ports/conversation-notifier';
import { RetryLater } from '../ports/job-queue';
import { withPlace } from './deliver-conversation';
import { authorNames, copyViewOf, isWrittenHere } from './message-copy-views';

/**
 * Mirrors a message's edit or deletion on every copy of it. Each place is claimed as a delivery claims it, so a
 * copy being posted right now is recorded before it is revised; the writer's own message (the source) is left
 * alone, the platform shows the change already. A client's place never holds an internal note.
 */
export async function deliverRevision(
  deps: DeskDeps,
  notifier: ConversationNotifier,
  queryId: number,
  messageId: number,
): Promise<void> {
  const { store } = deps;
  const m = await store.messages.findById(messageId);
  const q = m ? await store.queries.findById(m.queryId) : null;
  if (!m || !q || q.id !== queryId) return;
  const names = await authorNames(store, [m]);
  let busy = 0;
  for (const place of await notifier.conversationPlaces(q)) {
    if (place.audience === 'client' && m.visibility === 'internal') continue;
    const done = await withPlace(deps, q.id, place, async () => {
      // Read under the claim: a copy posted by a delivery that held the place a moment ago is recorded by now.
      const copy = (await store.copies.forMessage(m.id)).find((c) => c.placeKey === place.key);
      if (!copy || isWrittenHere(m, place)) return;
      await notifier.reviseMessageCopy(
        place,
        copy.platformMessageId,
        copyViewOf(m, names.get(m.authorId) ?? `#${m.authorId}`, place.audience),
      );
    });
    if (!done) busy++;
  }
  if (busy > 0) throw new RetryLater(`a copy of message ${m.id} is being delivered by another run`, 500);
}
