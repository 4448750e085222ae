import { parseMessageEvent } from './parse-message';

const BOT = '1300000000000000001';
const base = {
  id: '1400000000000000010',
  channel_id: '1400000000000000005',
  type: 0,
  author: { id: '1200000000000000001', username: 'zoe', global_name: 'Zoe' },
  content: 'it happened again',
  attachments: [],
  timestamp: '2026-03-02T09:00:00.000Z',
  edited_timestamp: null,
};

describe('parseMessageEvent: message dispatches at the edge', () => {
  it('reads a DM reply: no guild, the replied-to message, the writer, files', () => {
    const e = parseMessageEvent(
      'MESSAGE_CREATE',
      {
        ...base,
        type: 19,
        message_reference: { type: 0, message_id: '1400000000000000003', channel_id: base.channel_id },
        attachments: [
          { id: '9', filename: 'a.pdf', size: 12, content_type: 'application/pdf', url: 'https://x/a.pdf' },
        ],
      },
      BOT,
    );
    expect(e).toEqual({
      kind: 'created',
      message: {
        id: base.id,
        channelId: base.channel_id,
        guildId: null,
        author: { userId: '1200000000000000001', username: 'Zoe' },
        text: 'it happened again',
        attachments: [{ id: '9', filename: 'a.pdf', size: 12, contentType: 'application/pdf', url: 'https://x/a.pdf' }],
        repliesTo: '1400000000000000003',
        at: new Date(base.timestamp),
      },
    });
  });

  it('ignores the bot itself, other bots, webhooks and system messages', () => {
    const kind = (d: object) => parseMessageEvent('MESSAGE_CREATE', { ...base, ...d }, BOT).kind;
    expect(kind({ author: { id: BOT, username: 'CQMS', bot: true } })).toBe('ignored');
    expect(kind({ author: { id: '5', username: 'other', bot: true } })).toBe('ignored');
    expect(kind({ webhook_id: '77' })).toBe('ignored');
    expect(kind({ type: 21 })).toBe('ignored'); // a thread's starter message notice
    expect(kind({ type: 6 })).toBe('ignored'); // a pin notice
  });

  it('treats a forward as no reply, and an update without edited_timestamp as no edit', () => {
    const fwd = parseMessageEvent('MESSAGE_CREATE', { ...base, message_reference: { type: 1, message_id: '3' } }, BOT);
    expect(fwd.kind === 'created' && fwd.message.repliesTo).toBeNull();
    expect(parseMessageEvent('MESSAGE_UPDATE', { ...base, embeds: [{}] }, BOT).kind).toBe('ignored');
    const edit = parseMessageEvent('MESSAGE_UPDATE', { ...base, edited_timestamp: '2026-03-02T09:05:00.000Z' }, BOT);
    expect(edit).toMatchObject({ kind: 'edited', message: { at: new Date('2026-03-02T09:05:00.000Z') } });
    // A partial update (no author, no content) is an embed unfolding, not an edit.
    expect(parseMessageEvent('MESSAGE_UPDATE', { id: base.id, channel_id: base.channel_id }, BOT).kind).toBe('ignored');
  });

  it('reads single and bulk deletions, with the server when there is one', () => {
    expect(parseMessageEvent('MESSAGE_DELETE', { id: '1', channel_id: '2', guild_id: '3' }, BOT)).toEqual({
      kind: 'deleted',
      channelId: '2',
      guildId: '3',
      messageIds: ['1'],
    });
    expect(parseMessageEvent('MESSAGE_DELETE_BULK', { ids: ['1', '4'], channel_id: '2' }, BOT)).toEqual({
      kind: 'deleted',
      channelId: '2',
      guildId: null,
      messageIds: ['1', '4'],
    });
  });

  it('ignores shapes it cannot read rather than throwing', () => {
    expect(parseMessageEvent('MESSAGE_CREATE', { id: 1 }, BOT).kind).toBe('ignored');
    expect(parseMessageEvent('MESSAGE_DELETE', null, BOT).kind).toBe('ignored');
    expect(parseMessageEvent('TYPING_START', base, BOT).kind).toBe('ignored');
  });
});
