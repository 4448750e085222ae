import type { QueryRecord } from '../domain/query';
import type { QueryMessage } from '../domain/query-message';
import { CARD_TEXT_MAX, shorten } from './shorten';
import { STATUS_TONE, type CardView } from './view-model';

/** How much of one message the card shows; the transcript has the whole of it. */
const LINE_MAX = 240;

/**
 * The latest messages of a query as `show` lists them, newest last, as many as fit a card's text (user-written,
 * so every surface escapes it). The staff see internal notes, marked; the rest is in the transcript.
 */
export function conversationCard(
  q: QueryRecord,
  messages: readonly QueryMessage[],
  names: ReadonlyMap<number, string>,
  transcriptHint: string,
): CardView | null {
  if (messages.length === 0) return null;
  const lines: string[] = [];
  let size = 0;
  for (const m of [...messages].reverse()) {
    const line = messageLine(m, names.get(m.authorId) ?? `#${m.authorId}`);
    if (size + line.length + 1 > CARD_TEXT_MAX) break;
    lines.unshift(line);
    size += line.length + 1;
  }
  const shown = lines.length === messages.length ? `${messages.length}` : `last ${lines.length} of ${messages.length}`;
  return {
    kind: 'card',
    title: `Conversation of #${q.id} (${shown})`,
    body: lines.join('\n'),
    tone: STATUS_TONE[q.status],
    fields: [],
    buttons: [],
    queryId: q.id,
    footer: `The whole conversation, files named: ${transcriptHint}`,
  };
}

function messageLine(m: QueryMessage, name: string): string {
  const when = m.createdAt.toISOString().slice(5, 16).replace('T', ' ');
  const marks = [m.authorRole, ...(m.visibility === 'internal' ? ['internal'] : [])].join(', ');
  const files = m.attachments.length ? ` [${m.attachments.length} file${m.attachments.length > 1 ? 's' : ''}]` : '';
  const said = m.deletedAt ? '(deleted)' : shorten(m.text.replace(/\s+/g, ' '), LINE_MAX).text;
  return `${when} ${name} (${marks}): ${said}${files}${m.editedAt && !m.deletedAt ? ' (edited)' : ''}`;
}
