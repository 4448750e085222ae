import type { DeskDeps } from '../desk/desk-deps';
import type { QueryRecord } from '../domain/query';
import type { QueryMessage } from '../domain/query-message';
import { authorNames } from '../notifications/message-copy-views';
import type { FileView } from '../views/view-model';

const stamp = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

/**
 * A query's conversation as plain text: what it was raised for, then every message in order, signed and dated,
 * with its files named. Staff transcripts carry the internal notes, each marked; the client's never do.
 */
export function transcriptText(
  q: QueryRecord,
  messages: readonly QueryMessage[],
  names: ReadonlyMap<number, string>,
  includeInternal: boolean,
): string {
  const name = (id: number) => names.get(id) ?? `#${id}`;
  const lines = [
    `Query #${q.id}: ${q.heading}`,
    `Raised by ${name(q.clientId)} on ${stamp(q.createdAt)} · ${q.category} · ${q.status}`,
    ...(includeInternal ? ['Internal notes are included, marked [internal]; the client never saw them.'] : []),
    '',
    'Description:',
    q.description,
  ];
  for (const m of messages) {
    if (m.visibility === 'internal' && !includeInternal) continue;
    const marks = [
      m.visibility === 'internal' ? ' [internal]' : '',
      m.deletedAt ? ' (deleted)' : m.editedAt ? ' (edited)' : '',
    ].join('');
    lines.push('', `[${stamp(m.createdAt)}] ${name(m.authorId)} (${m.authorRole})${marks}:`);
    if (m.text) lines.push(m.text);
    for (const a of m.attachments) lines.push(`  attached: ${a.filename} (${a.contentType}, ${a.size} bytes)`);
  }
  if (q.resolutionNote) lines.push('', `Resolution: ${q.resolutionNote}`);
  return `${lines.join('\n')}\n`;
}

/** The transcript as a file the surfaces post: every message, read afresh. */
export async function transcriptFile(deps: DeskDeps, q: QueryRecord, includeInternal: boolean): Promise<FileView> {
  const messages = await deps.store.messages.forQuery(q.id, { includeInternal });
  const names = await authorNames(deps.store, messages, [q.clientId]);
  return {
    kind: 'file',
    title: `Conversation of query #${q.id}`,
    filename: `query-${q.id}-${includeInternal ? 'staff-' : ''}transcript.txt`,
    contentType: 'text/plain; charset=utf-8',
    data: new TextEncoder().encode(transcriptText(q, messages, names, includeInternal)),
  };
}
