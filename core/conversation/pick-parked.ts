import type { DeskDeps } from '../desk/desk-deps';
import { NotAuthorized } from '../errors';
import { postMessage } from '../queries/post-message';
import { ephemeral, text, type Reply } from '../views/view-model';
import type { Conversation } from './conversation';
import { actorOf } from './handler';
import { postedReply } from './handlers/message-handlers';

/**
 * The client pressed the query their parked direct message belongs to: it is stored there (by its source, so
 * a second press, or a crash between storing and forgetting it, stores it once) and then forgotten.
 */
export async function pickParked(
  deps: DeskDeps,
  conv: Conversation,
  pendingId: number,
  queryId: number,
): Promise<Reply> {
  const actor = actorOf({ deps, conv });
  const parked = await deps.store.parked.findById(pendingId);
  if (!parked) return { ...ephemeral(text('That message was filed already.', 'info')), replaces: 'source' };
  if (parked.authorId !== actor.userId)
    throw new NotAuthorized('file this message', actor.role, 'Only the person who wrote a message can file it.');
  const posted = await postMessage(deps, actor, {
    queryId,
    text: parked.text,
    visibility: 'public',
    files: parked.files,
    source: parked.source,
  });
  await deps.store.parked.take(parked.id);
  return { ...postedReply(posted, false), replaces: 'source' };
}
