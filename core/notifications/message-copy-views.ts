import type { ConversationPlace, PlaceAudience } from '../domain/conversation-place';
import type { QueryMessage } from '../domain/query-message';
import { isStaff } from '../domain/roles';
import type { StoreTx } from '../ports/store';
import type { CopyFile, MessageCopyView } from '../views/message-copy';

/** The names messages are signed with: display names, read once for a batch of messages (and `also` these users). */
export async function authorNames(
  store: Pick<StoreTx, 'users'>,
  messages: readonly QueryMessage[],
  also: readonly number[] = [],
): Promise<Map<number, string>> {
  const ids = [...new Set([...messages.map((m) => m.authorId), ...also])];
  const users = ids.length ? await store.users.findByIds(ids) : [];
  return new Map(users.map((u) => [u.id, u.displayName || u.username]));
}

/** A message as one audience's place shows it; a staff place marks what reached the client and what did not. */
export function copyViewOf(
  m: QueryMessage,
  authorName: string,
  audience: PlaceAudience,
  files: CopyFile[] = [],
): MessageCopyView {
  return {
    queryId: m.queryId,
    seq: m.seq,
    authorName,
    authorRole: m.authorRole,
    visibility: m.visibility,
    text: m.deletedAt ? '' : m.text,
    files: m.deletedAt ? [] : files,
    mark:
      audience === 'client'
        ? null
        : m.visibility === 'internal'
          ? 'internal'
          : isStaff(m.authorRole)
            ? 'sentToClient'
            : null,
    edited: m.editedAt !== null,
    deleted: m.deletedAt !== null,
  };
}

/** The bytes of a message's files, for posting them with its copy. */
export async function copyFilesOf(store: Pick<StoreTx, 'attachments'>, m: QueryMessage): Promise<CopyFile[]> {
  const out: CopyFile[] = [];
  for (const a of m.attachments) {
    const read = await store.attachments.read(a.id);
    if (read) out.push({ filename: a.filename, contentType: a.contentType, data: read.data });
  }
  return out;
}

/** The message was written at this place: the platform shows it there already, so it is its own copy. */
export function isWrittenHere(m: QueryMessage, place: ConversationPlace): boolean {
  return m.source !== null && m.source.platform === place.platform && m.source.channelId === place.channelId;
}
