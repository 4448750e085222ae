import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainTextOf } from './message-text';
import { parseMessageEvent, type MessageContext } from './parse-message-event';

type Json = Record<string, any>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'slack', name), 'utf8'));
const ctx: MessageContext = { botUserId: 'UBOT', botId: 'BBOT', supportChannels: ['C0SUPPORT'] };
/** The fixture with its event changed. */
const withEvent = (name: string, change: Json): Json => {
  const f = fixture(name);
  return { ...f, event: { ...f.event, ...change } };
};

describe('Slack message events into what the desk hears', () => {
  it('a reply in a support-channel thread is a staff message, its text as the writer saw it', () => {
    expect(parseMessageEvent(fixture('message-thread-reply.json'), ctx)).toEqual({
      kind: 'message',
      user: { teamId: 'T1', userId: 'U0ANN' },
      where: 'staff',
      source: { platform: 'slack', channelId: 'C0SUPPORT', messageId: '1770000040.000200' },
      threadRootId: '1770000001.000100',
      text: 'Checked the gateway & logs: @U0ZOE see status (https://status.example.com)',
      files: [],
      at: new Date(1770000040000),
    });
  });

  it('a DM with the app is a client message; shared files come with their private URLs', () => {
    const m = parseMessageEvent(fixture('message-im-file-share.json'), ctx);
    expect(m).toMatchObject({
      kind: 'message',
      where: 'client',
      threadRootId: '1770000020.000100',
      text: 'It happened again, screenshot attached',
      files: [
        {
          id: 'F0AGAIN',
          name: 'again.png',
          mimetype: 'image/png',
          size: 68,
          url: 'https://files.slack.com/files-pri/T1-F0AGAIN/download/again.png',
        },
      ],
    });
    const topLevel = withEvent('message-im-file-share.json', { thread_ts: undefined, subtype: undefined });
    expect(parseMessageEvent(topLevel, ctx)).toMatchObject({ kind: 'message', where: 'client', threadRootId: null });
  });

  it('message_changed is an edit, message_deleted a deletion, both of the message they name', () => {
    expect(parseMessageEvent(fixture('message-changed.json'), ctx)).toEqual({
      kind: 'edit',
      user: { teamId: 'T1', userId: 'U0ZOE' },
      source: { platform: 'slack', channelId: 'DU0ZOE', messageId: '1770000050.000300' },
      threadRootId: '1770000020.000100',
      text: 'It happened twice today',
      at: new Date(1770000060000),
    });
    expect(parseMessageEvent(fixture('message-deleted.json'), ctx)).toEqual({
      kind: 'delete',
      user: { teamId: 'T1', userId: 'U0ANN' },
      source: { platform: 'slack', channelId: 'C0SUPPORT', messageId: '1770000040.000200' },
      threadRootId: '1770000001.000100',
      at: new Date(1770000070000),
    });
  });

  it("ignores the app's own messages, other bots, other subtypes, other channels and top-level support messages", () => {
    const ignored = (body: Json) => parseMessageEvent(body, ctx).kind;
    const reply = 'message-thread-reply.json';
    expect(ignored(withEvent(reply, { bot_id: 'BBOT', user: 'UBOT' }))).toBe('ignored');
    expect(ignored(withEvent(reply, { user: 'UBOT' }))).toBe('ignored');
    expect(ignored(withEvent(reply, { bot_id: 'B0OTHER' }))).toBe('ignored');
    expect(ignored(withEvent(reply, { subtype: 'channel_join' }))).toBe('ignored');
    expect(ignored(withEvent(reply, { subtype: 'bot_message' }))).toBe('ignored');
    expect(ignored(withEvent(reply, { channel: 'C0GENERAL' }))).toBe('ignored');
    expect(ignored(withEvent(reply, { channel_type: 'mpim' }))).toBe('ignored');
    expect(ignored(withEvent(reply, { thread_ts: undefined }))).toBe('ignored');
    expect(ignored(withEvent(reply, { thread_ts: '1770000040.000200' }))).toBe('ignored');
    expect(ignored(withEvent(reply, { subtype: 'thread_broadcast' }))).toBe('message');
    const changed = fixture('message-changed.json');
    expect(
      ignored({ ...changed, event: { ...changed.event, message: { ...changed.event.message, bot_id: 'BBOT' } } }),
    ).toBe('ignored');
    // An unfurl or a reply count changes the message, not its text: nothing to mirror.
    expect(
      ignored({
        ...changed,
        event: { ...changed.event, message: { ...changed.event.previous_message, edited: undefined } },
      }),
    ).toBe('ignored');
    const deleted = fixture('message-deleted.json');
    expect(
      ignored({
        ...deleted,
        event: { ...deleted.event, previous_message: { ...deleted.event.previous_message, user: 'UBOT' } },
      }),
    ).toBe('ignored');
  });

  it('a malformed event is unsupported, with the reason', () => {
    expect(parseMessageEvent({ event: { type: 'message', channel: 'C0SUPPORT', ts: 'soon' } }, ctx)).toEqual({
      kind: 'unsupported',
      reason: 'message event: event.ts: not a message ts',
    });
    expect(parseMessageEvent(null, ctx).kind).toBe('unsupported');
  });
});

describe("a Slack message's text as plain text", () => {
  it('unescapes entities and writes mentions, channels and links as text', () => {
    expect(plainTextOf('a &lt;b&gt; &amp;amp; c')).toBe('a <b> &amp; c');
    expect(plainTextOf('<!here> <!subteam^S1|@team> <@U1> <#C1|general> <https://x.example>')).toBe(
      '@here @team @U1 #general https://x.example',
    );
    expect(plainTextOf('<mailto:a@b.example|a@b.example>')).toBe('a@b.example (mailto:a@b.example)');
  });
});
