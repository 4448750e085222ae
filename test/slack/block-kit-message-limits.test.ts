import { refusalOf, responseRefusal } from './block-kit-limits';
import {
  at,
  button,
  confirm,
  type Json,
  type LimitCase,
  itRefusesEach,
  maximalMessage,
  message,
  mrkdwn,
  plain,
  s,
} from './block-kit-at-limits';

describe('the fake refuses the messages Slack refuses', () => {
  it('takes a message at every limit, posted or on a response_url', () => {
    expect(refusalOf('chat.postMessage', maximalMessage())).toBeNull();
    expect(responseRefusal(maximalMessage())).toBeNull();
  });

  const cases: LimitCase[] = [
    [
      '51 blocks in a message',
      'chat.postMessage',
      message((m) => m.blocks.push({ type: 'divider' })),
      'invalid_blocks',
      '/blocks',
    ],
    ['message text past 40,000', 'chat.postMessage', message((m) => (m.text = s(40_001))), 'msg_too_long', '/text'],
    [
      'header over 150',
      'chat.update',
      message((m) => (at(m, 0).text = plain(s(151)))),
      'invalid_blocks',
      '/blocks/0/text/text',
    ],
    [
      'header in mrkdwn',
      'chat.postMessage',
      message((m) => (at(m, 0).text = mrkdwn('x'))),
      'invalid_blocks',
      '/blocks/0/text/type',
    ],
    [
      'block_id over 255',
      'chat.postMessage',
      message((m) => (at(m, 0).block_id = s(256))),
      'invalid_blocks',
      '/blocks/0/block_id',
    ],
    [
      'a repeated block_id',
      'chat.postMessage',
      message((m) => (m.blocks[49] = { type: 'divider', block_id: s(255, 'h') })),
      'invalid_blocks',
      '/blocks/49/block_id',
    ],
    [
      'section text over 3,000',
      'chat.postEphemeral',
      message((m) => (at(m, 1).text = mrkdwn(s(3001)))),
      'invalid_blocks',
      '/blocks/1/text/text',
    ],
    [
      'empty section text',
      'chat.postMessage',
      message((m) => (at(m, 1).text = mrkdwn(''))),
      'invalid_blocks',
      '/blocks/1/text/text',
    ],
    [
      '11 fields',
      'chat.postMessage',
      message((m) => at(m, 1).fields.push(mrkdwn('x'))),
      'invalid_blocks',
      '/blocks/1/fields',
    ],
    [
      'a field over 2,000',
      'chat.postMessage',
      message((m) => (at(m, 1).fields[9] = mrkdwn(s(2001)))),
      'invalid_blocks',
      '/blocks/1/fields/9/text',
    ],
    [
      '11 context elements',
      'chat.postMessage',
      message((m) => at(m, 2).elements.push(mrkdwn('x'))),
      'invalid_blocks',
      '/blocks/2/elements',
    ],
    [
      '26 actions elements',
      'chat.postMessage',
      message((m) => at(m, 3).elements.push(button(99))),
      'invalid_blocks',
      '/blocks/3/elements',
    ],
    [
      'button text over 75',
      'chat.postMessage',
      message((m) => (at(m, 3).elements[1]!.text = plain(s(76)))),
      'invalid_blocks',
      '/blocks/3/elements/1/text/text',
    ],
    [
      'button text in mrkdwn',
      'chat.postMessage',
      message((m) => (at(m, 3).elements[1]!.text = mrkdwn('x'))),
      'invalid_blocks',
      '/blocks/3/elements/1/text/type',
    ],
    [
      'action_id over 255',
      'chat.postMessage',
      message((m) => (at(m, 3).elements[1]!.action_id = s(256))),
      'invalid_blocks',
      '/blocks/3/elements/1/action_id',
    ],
    [
      'a repeated action_id',
      'chat.postMessage',
      message((m) => (at(m, 3).elements[2]!.action_id = at(m, 3).elements[1]!.action_id)),
      'invalid_blocks',
      '/blocks/3/elements/2/action_id',
    ],
    [
      'button value over 2,000',
      'chat.postMessage',
      message((m) => (at(m, 3).elements[1]!.value = s(2001))),
      'invalid_blocks',
      '/blocks/3/elements/1/value',
    ],
    [
      'button url over 3,000',
      'chat.postMessage',
      message((m) => (at(m, 3).elements[1]!.url = s(3001))),
      'invalid_blocks',
      '/blocks/3/elements/1/url',
    ],
    [
      'confirm title over 100',
      'chat.postMessage',
      message((m) => (at(m, 3).elements[0]!.confirm = { ...confirm, title: plain(s(101)) })),
      'invalid_blocks',
      '/blocks/3/elements/0/confirm/title/text',
    ],
    [
      'confirm text over 300',
      'chat.postMessage',
      message((m) => (at(m, 3).elements[0]!.confirm = { ...confirm, text: mrkdwn(s(301)) })),
      'invalid_blocks',
      '/blocks/3/elements/0/confirm/text/text',
    ],
    [
      'confirm button over 30',
      'chat.postMessage',
      message((m) => (at(m, 3).elements[0]!.confirm = { ...confirm, deny: plain(s(31)) })),
      'invalid_blocks',
      '/blocks/3/elements/0/confirm/deny/text',
    ],
    [
      'image url over 3,000',
      'chat.postMessage',
      message((m) => (at(m, 4).image_url = s(3001))),
      'invalid_blocks',
      '/blocks/4/image_url',
    ],
    [
      'image alt over 2,000',
      'chat.postMessage',
      message((m) => (at(m, 4).alt_text = s(2001))),
      'invalid_blocks',
      '/blocks/4/alt_text',
    ],
    [
      'an unknown block',
      'chat.postMessage',
      message((m) => (m.blocks[49] = { type: 'table' })),
      'invalid_blocks',
      '/blocks/49/type',
    ],
  ];

  itRefusesEach(cases);

  it('refuses an over-long message on a response_url, and files on an ephemeral one', () => {
    const m = maximalMessage();
    (m.blocks[1] as Json).text = mrkdwn(s(3001));
    expect(responseRefusal(m)).toMatchObject({
      error: 'invalid_blocks',
      messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/1/text/text]'],
    });
    expect(refusalOf('chat.postEphemeral', { channel: 'C1', user: 'U1', text: 'x', file_ids: ['F1'] })?.error).toBe(
      'invalid_arguments',
    );
    expect(responseRefusal({ text: 'x', response_type: 'in_channel' })).toBeNull();
  });
});
