import fc from 'fast-check';
import { parseMessageEvent as parseDiscordMessage } from '../../adapters/discord/parse-message';
import { parseMessageEvent as parseSlackMessage } from '../../adapters/slack/parse-message-event';
import { fixture } from '../slack/slack-driver';
import { anyJson, expectNoLeak, fuzz, hostileText, mutated } from './hostile-support';

const SLACK_FIXTURES = [
  'message-thread-reply.json',
  'message-im-file-share.json',
  'message-changed.json',
  'message-deleted.json',
];
const SLACK_CONTEXT = { botUserId: 'UBOT', botId: 'BBOT', supportChannels: ['C0SUPPORT'] };

/** A message the desk hears carries a real time and a non-empty source: core stores both as they come. */
function sound(at: Date, source: { channelId: string; messageId: string }): void {
  expect(Number.isFinite(at.getTime())).toBe(true);
  expect(source.channelId).not.toBe('');
  expect(source.messageId).not.toBe('');
}

describe('conversation message parsers under fuzzing', () => {
  it.each(SLACK_FIXTURES)('parse Slack %s with fields replaced or removed, without throwing', (name) => {
    fc.assert(
      fc.property(
        fc.oneof({ weight: 4, arbitrary: mutated(fixture(name)) }, { weight: 1, arbitrary: anyJson() }),
        (b) => {
          const out = parseSlackMessage(b, SLACK_CONTEXT);
          if (out.kind === 'unsupported' || out.kind === 'ignored') expectNoLeak(out.reason, 'log');
          else sound(out.at, out.source);
        },
      ),
      fuzz(250),
    );
  });

  const discordMessage = {
    id: '1300000000000000001',
    channel_id: '1300000000000000002',
    guild_id: null,
    type: 19,
    author: { id: '1200000000000000002', username: 'zoe', global_name: 'Zoe' },
    content: 'It happened again <@&1> @everyone',
    attachments: [{ id: '1', filename: 'log.txt', size: 12, content_type: 'text/plain', url: 'https://cdn/x' }],
    timestamp: '2026-12-06T10:00:00.000000+00:00',
    edited_timestamp: '2026-12-06T10:01:00.000000+00:00',
    message_reference: { message_id: '1300000000000000000', type: 0 },
  };
  const events = ['MESSAGE_CREATE', 'MESSAGE_UPDATE', 'MESSAGE_DELETE', 'MESSAGE_DELETE_BULK'];

  it('parse Discord message dispatches of any shape without throwing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...events),
        fc.oneof({ weight: 4, arbitrary: mutated(discordMessage) }, { weight: 1, arbitrary: anyJson() }),
        (t, d) => {
          const out = parseDiscordMessage(t, d, 'BOT');
          if (out.kind === 'ignored') expectNoLeak(out.reason, 'log');
          else if (out.kind !== 'deleted')
            sound(out.message.at, { channelId: out.message.channelId, messageId: out.message.id });
        },
      ),
      fuzz(400),
    );
  });

  it('read a Discord message whose text is hostile as plain text, whatever it holds', () => {
    fc.assert(
      fc.property(hostileText(), (content) => {
        const out = parseDiscordMessage('MESSAGE_CREATE', { ...discordMessage, content }, 'BOT');
        expect(out).toMatchObject({ kind: 'created', message: { text: content } });
      }),
      fuzz(200),
    );
  });
});
