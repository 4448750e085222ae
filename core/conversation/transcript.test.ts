import type { QueryMessage } from '../domain/query-message';
import { queryRecord } from '../../test/support/query-record';
import { conversationCard } from '../views/conversation-card';
import { transcriptText } from './transcript';

const at = (min: number) => new Date(Date.UTC(2026, 2, 2, 9, min));
const msg = (seq: number, over: Partial<QueryMessage> = {}): QueryMessage => ({
  id: seq,
  queryId: 42,
  seq,
  authorId: 1,
  authorRole: 'client',
  visibility: 'public',
  text: `message ${seq}`,
  attachments: [],
  source: null,
  createdAt: at(seq),
  editedAt: null,
  deletedAt: null,
  ...over,
});
const names = new Map([
  [1, 'Zoe'],
  [2, 'Ann'],
]);
const q = queryRecord({ id: 42, clientId: 1 });
const said = [
  msg(1),
  msg(2, { authorId: 2, authorRole: 'agent', visibility: 'internal', text: 'between us' }),
  msg(3, { authorId: 2, authorRole: 'agent', text: 'fixed?', editedAt: at(9) }),
  msg(4, { text: '', deletedAt: at(10) }),
  msg(5, {
    attachments: [
      { id: 9, queryId: 42, filename: 'log.txt', contentType: 'text/plain', size: 12, sha256: '', createdAt: at(5) },
    ],
  }),
];

describe('the transcript', () => {
  it('gives the client the public conversation, signed, dated, edits and files said', () => {
    const t = transcriptText(q, said, names, false);
    expect(t).not.toContain('between us');
    expect(t).toContain('Query #42: Cannot sign in\nRaised by Zoe on 2026-03-02 09:00 UTC');
    expect(t).toContain('[2026-03-02 09:03 UTC] Ann (agent) (edited):\nfixed?');
    expect(t).toContain('[2026-03-02 09:04 UTC] Zoe (client) (deleted):\n');
    expect(t).toContain('  attached: log.txt (text/plain, 12 bytes)');
  });

  it('gives the staff the internal notes, marked', () => {
    expect(transcriptText(q, said, names, true)).toContain(
      '[2026-03-02 09:02 UTC] Ann (agent) [internal]:\nbetween us',
    );
  });

  it('`show` lists the latest messages that fit a card, newest last', () => {
    const many = Array.from({ length: 30 }, (_, i) => msg(i + 1, { text: 'x'.repeat(100) }));
    const card = conversationCard(q, many, names, 'transcript 42')!;
    expect(card.title).toMatch(/^Conversation of #42 \(last \d+ of 30\)$/);
    expect(card.body!.length).toBeLessThanOrEqual(1000);
    expect(card.body!.split('\n').at(-1)).toMatch(/^03-02 09:30 Zoe \(client\): x+$/);
    expect(conversationCard(q, [], names, 'transcript 42')).toBeNull();
  });
});
