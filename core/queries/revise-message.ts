import type { DeskDeps } from '../desk/desk-deps';
import type { Actor } from '../domain/actor';
import type { MessageSource, QueryMessage } from '../domain/query-message';
import { announceCommitted, recordIntents } from '../notifications/announce';
import { DESCRIPTION_MAX } from '../schemas/query-input';

export type MessageChange = { kind: 'edit'; text: string } | { kind: 'delete' };

/**
 * A platform message stored earlier was edited or deleted where it was written: the stored text follows (the
 * text before kept as a revision) and every copy is told. An edit comes from its author only (`actor`); a
 * deletion may come from anyone the platform let delete it (a moderator), so it is mirrored whoever did it.
 * Unknown sources, edits that say nothing new, and edits past the length limit change nothing.
 */
export async function reviseMessage(
  deps: DeskDeps,
  actor: Actor | null,
  source: MessageSource,
  change: MessageChange,
  at: Date,
): Promise<QueryMessage | null> {
  const m = await deps.store.messages.findBySource(source);
  if (!m || m.deletedAt) return null;
  if (change.kind === 'edit') {
    const text = change.text.trim();
    if (actor?.userId !== m.authorId || text === m.text || Array.from(text).length > DESCRIPTION_MAX) return null;
    change = { kind: 'edit', text };
  }
  const revised = await deps.store.transaction(async (tx) => {
    const r = await tx.messages.revise(m.id, change, at);
    if (r) await recordIntents(deps, tx, [{ kind: 'messageRevised', queryId: m.queryId, messageId: m.id }], at);
    return r;
  });
  if (revised) announceCommitted(deps);
  return revised;
}
