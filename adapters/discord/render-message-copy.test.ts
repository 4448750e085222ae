import type { MessageCopyView } from '../../core/views/message-copy';
import { restPayload } from './discord-message';
import { copyNonce, renderMessageCopy } from './render-message-copy';

const copy = (o: Partial<MessageCopyView> = {}): MessageCopyView => ({
  queryId: 7,
  seq: 3,
  authorName: 'Ann',
  authorRole: 'agent',
  visibility: 'internal',
  text: 'checking the *ledger* @everyone',
  files: [],
  mark: 'internal',
  edited: false,
  deleted: false,
  ...o,
});

describe('renderMessageCopy: a conversation message as Discord shows it', () => {
  it('marks an internal note and escapes what was written; no mention pings', () => {
    const m = renderMessageCopy(copy());
    expect(m.content).toBe('🔒 **Ann** (agent) · internal note\nchecking the \\*ledger\\* @everyone');
    expect(restPayload(m).body.allowed_mentions).toEqual({ parse: [] });
  });

  it('marks a public staff message as sent to the client, and shows the client plain', () => {
    expect(renderMessageCopy(copy({ mark: 'sentToClient', visibility: 'public' })).content).toMatch(
      /^📨 \*\*Ann\*\* \(agent\) · sent to the client\n/,
    );
    expect(renderMessageCopy(copy({ mark: 'sentToClient', authorRole: 'client', authorName: 'Zoe' })).content).toMatch(
      /^\*\*Zoe\*\* \(client\)\n/,
    );
    expect(renderMessageCopy(copy({ mark: null, visibility: 'public' })).content).toMatch(/^\*\*Ann\*\* \(agent\)\n/);
  });

  it('keeps long text whole in an embed, and files as attachments', () => {
    const long = 'x'.repeat(3000);
    const m = renderMessageCopy(
      copy({ text: long, files: [{ filename: 'log.txt', contentType: 'text/plain', data: new Uint8Array([65]) }] }),
    );
    expect(m.content).toBe('🔒 **Ann** (agent) · internal note');
    expect(m.embeds[0]?.description).toBe(long);
    expect(m.files.map((f) => f.name)).toEqual(['log.txt']);
  });

  it('says edited and deleted', () => {
    expect(renderMessageCopy(copy({ edited: true })).content).toMatch(/· edited\n/);
    const gone = renderMessageCopy(copy({ deleted: true, edited: true, text: '' }));
    expect(gone.content).toBe('🔒 **Ann** (agent) · internal note\n*(deleted)*');
  });

  it('derives a nonce of at most 25 characters from the place and the message', () => {
    const n = copyNonce('discord:staff:1400000000000000001', 12345, 9);
    expect(n).toHaveLength(25);
    expect(copyNonce('discord:staff:1400000000000000001', 12345, 9)).toBe(n);
    expect(copyNonce('discord:client:1400000000000000002', 12345, 9)).not.toBe(n);
  });
});
