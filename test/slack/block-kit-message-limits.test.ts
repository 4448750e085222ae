import { refusalOf, responseRefusal } from './block-kit-limits';
import { RefusalLog } from './refusal-log';
import { InteractionRules, TRIGGER_TTL_MS } from './slack-interaction-rules';

type Json = Record<string, unknown>;
const s = (n: number, ch = 'a') => ch.repeat(n);
const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (i: number) => ({
  type: 'button',
  text: plain(s(75)),
  action_id: `${i}`.padEnd(255, 'x'),
  value: s(2000),
  url: `https://x/${s(2990)}`,
});
const confirm = { title: plain(s(100)), text: mrkdwn(s(300)), confirm: plain(s(30)), deny: plain(s(30)) };
const options = Array.from({ length: 100 }, (_, i) => ({
  text: plain(s(75)),
  value: `${i}`.padEnd(150, 'v'),
  description: plain(s(75)),
}));

/** Every block at its limits: Slack takes it, and so must the fake. */
function maximalMessage(): Json & { blocks: Json[] } {
  const blocks: Json[] = [
    { type: 'header', block_id: s(255, 'h'), text: plain(s(150)) },
    { type: 'section', text: mrkdwn(s(3000)), fields: Array.from({ length: 10 }, () => mrkdwn(s(2000))) },
    { type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn(s(3000))) },
    {
      type: 'actions',
      elements: Array.from({ length: 25 }, (_, i) => (i === 0 ? { ...button(i), confirm } : button(i))),
    },
    { type: 'image', image_url: `https://x/${s(2990)}`, alt_text: s(2000), title: plain(s(2000)) },
  ];
  while (blocks.length < 50) blocks.push({ type: 'divider' });
  return { channel: 'C1', text: s(40_000), blocks };
}

function maximalModal(): Json & { view: Json & { blocks: Json[] } } {
  const blocks: Json[] = [
    {
      type: 'input',
      block_id: 'd',
      label: plain(s(2000)),
      hint: plain(s(2000)),
      element: {
        type: 'plain_text_input',
        action_id: s(255),
        multiline: true,
        min_length: 3000,
        max_length: 3000,
        placeholder: plain(s(150)),
      },
    },
    {
      type: 'input',
      block_id: 'c',
      label: plain('c'),
      element: { type: 'static_select', action_id: 'v', placeholder: plain(s(150)), options },
    },
    { type: 'input', block_id: 'f', label: plain('f'), element: { type: 'file_input', action_id: 'v', max_files: 10 } },
  ];
  while (blocks.length < 100) blocks.push({ type: 'divider' });
  return {
    trigger_id: 't',
    view: {
      type: 'modal',
      callback_id: s(255),
      title: plain(s(24)),
      submit: plain(s(24)),
      close: plain(s(24)),
      private_metadata: s(3000),
      blocks,
    },
  };
}

const home = () => ({
  user_id: 'U1',
  view: { type: 'home', private_metadata: s(3000), blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) },
});

describe('the fake refuses what Slack refuses', () => {
  it('takes a message, a modal and an App Home at every limit', () => {
    expect(refusalOf('chat.postMessage', maximalMessage())).toBeNull();
    expect(refusalOf('views.open', maximalModal())).toBeNull();
    expect(refusalOf('views.publish', home())).toBeNull();
    expect(responseRefusal(maximalMessage())).toBeNull();
  });

  // One step past each limit: [rule, method, change, error, pointer].
  const message = (change: (m: Json & { blocks: Json[] }) => void) => () => {
    const m = maximalMessage();
    change(m);
    return m;
  };
  const modal = (change: (v: Json & { blocks: Json[] }) => void) => () => {
    const m = maximalModal();
    change(m.view);
    return m;
  };
  const at = (m: { blocks: Json[] }, i: number) =>
    m.blocks[i] as Json & { elements: Json[]; fields: Json[]; element: Json };
  const cases: [string, string, () => Json, string, string][] = [
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
    [
      '101 blocks in a modal',
      'views.open',
      modal((v) => v.blocks.push({ type: 'divider' })),
      'invalid_arguments',
      '/view/blocks',
    ],
    [
      'modal title over 24',
      'views.open',
      modal((v) => (v.title = plain(s(25)))),
      'invalid_arguments',
      '/view/title/text',
    ],
    [
      'modal submit over 24',
      'views.update',
      modal((v) => (v.submit = plain(s(25)))),
      'invalid_arguments',
      '/view/submit/text',
    ],
    [
      'modal close over 24',
      'views.push',
      modal((v) => (v.close = plain(s(25)))),
      'invalid_arguments',
      '/view/close/text',
    ],
    ['no submit with an input', 'views.open', modal((v) => delete v.submit), 'invalid_arguments', '/view/submit'],
    [
      'private_metadata over 3,000',
      'views.open',
      modal((v) => (v.private_metadata = s(3001))),
      'invalid_arguments',
      '/view/private_metadata',
    ],
    [
      'callback_id over 255',
      'views.open',
      modal((v) => (v.callback_id = s(256))),
      'invalid_arguments',
      '/view/callback_id',
    ],
    [
      'input label over 2,000',
      'views.open',
      modal((v) => (at(v, 0).label = plain(s(2001)))),
      'invalid_arguments',
      '/view/blocks/0/label/text',
    ],
    [
      'input hint over 2,000',
      'views.open',
      modal((v) => (at(v, 0).hint = plain(s(2001)))),
      'invalid_arguments',
      '/view/blocks/0/hint/text',
    ],
    [
      'max_length 4,000',
      'views.open',
      modal((v) => (at(v, 0).element.max_length = 4000)),
      'invalid_arguments',
      '/view/blocks/0/element/max_length',
    ],
    [
      'max_length 0',
      'views.open',
      modal((v) => (at(v, 0).element = { type: 'plain_text_input', action_id: 'v', max_length: 0 })),
      'invalid_arguments',
      '/view/blocks/0/element/max_length',
    ],
    [
      'min_length 3,001',
      'views.open',
      modal((v) => (at(v, 0).element.min_length = 3001)),
      'invalid_arguments',
      '/view/blocks/0/element/min_length',
    ],
    [
      'placeholder over 150',
      'views.open',
      modal((v) => (at(v, 0).element.placeholder = plain(s(151)))),
      'invalid_arguments',
      '/view/blocks/0/element/placeholder/text',
    ],
    [
      '101 options',
      'views.open',
      modal((v) => (at(v, 1).element.options = [...options, options[0]])),
      'invalid_arguments',
      '/view/blocks/1/element/options',
    ],
    [
      'option text over 75',
      'views.open',
      modal((v) => (at(v, 1).element.options = [{ ...options[0], text: plain(s(76)) }])),
      'invalid_arguments',
      '/view/blocks/1/element/options/0/text/text',
    ],
    [
      'option value over 150',
      'views.open',
      modal((v) => (at(v, 1).element.options = [{ ...options[0], value: s(151) }])),
      'invalid_arguments',
      '/view/blocks/1/element/options/0/value',
    ],
    [
      'option description over 75',
      'views.open',
      modal((v) => (at(v, 1).element.options = [{ ...options[0], description: plain(s(76)) }])),
      'invalid_arguments',
      '/view/blocks/1/element/options/0/description/text',
    ],
    [
      'max_files 11',
      'views.open',
      modal((v) => (at(v, 2).element.max_files = 11)),
      'invalid_arguments',
      '/view/blocks/2/element/max_files',
    ],
    [
      'max_files 0',
      'views.open',
      modal((v) => (at(v, 2).element.max_files = 0)),
      'invalid_arguments',
      '/view/blocks/2/element/max_files',
    ],
    [
      '101 blocks on the App Home',
      'views.publish',
      () => {
        const h = home();
        h.view.blocks.push({ type: 'divider' });
        return h;
      },
      'invalid_arguments',
      '/view/blocks',
    ],
    [
      'upload alt text over 1,000',
      'files.getUploadURLExternal',
      () => ({ filename: 'a.png', length: 10, alt_text: s(1001) }),
      'invalid_arguments',
      '/alt_text',
    ],
    [
      'an upload completed with no files',
      'files.completeUploadExternal',
      () => ({ channel_id: 'C1', files: [] }),
      'invalid_arguments',
      '/files',
    ],
  ];

  it.each(cases.map(([rule, method, payload, error, pointer]) => [rule, method, error, pointer, payload] as const))(
    '%s: %s answers %s at %s',
    (_rule, method, error, pointer, payload) => {
      const refusal = refusalOf(method, payload());
      expect(refusal?.error).toBe(error);
      expect(refusal?.messages.some((m) => m.startsWith('[ERROR] ') && m.endsWith(`[json-pointer:${pointer}]`))).toBe(
        true,
      );
    },
  );

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

describe("the fake keeps Slack's interaction rules", () => {
  it('a trigger_id opens one view, within 3 s, and only one Slack sent', () => {
    const rules = new InteractionRules();
    const t = rules.issueTrigger();
    expect(rules.useTrigger(t)).toBeNull();
    expect(rules.useTrigger(t)?.error).toBe('exchanged_trigger_id');
    expect(rules.useTrigger(rules.issueTrigger(undefined, TRIGGER_TTL_MS + 1))?.error).toBe('expired_trigger_id');
    expect(rules.useTrigger('made-up')?.error).toBe('invalid_trigger_id');
  });

  it('a response_url takes five posts; an ephemeral message cannot be edited', () => {
    const rules = new InteractionRules();
    for (let i = 0; i < 5; i++) expect(rules.useResponseUrl('/response/1')).toBeNull();
    expect(rules.useResponseUrl('/response/1')?.error).toBe('used_url');
    rules.markEphemeral('1.2');
    expect(rules.update('1.2')?.error).toBe('message_not_found');
    expect(rules.update('1.3')).toBeNull();
  });
});

describe('a refusal nobody expected fails the test', () => {
  it('lists unexpected refusals and unmet expectations once, then starts afresh', () => {
    const log = new RefusalLog();
    log.expect('expired_trigger_id', 'views.open');
    log.record({ method: 'views.open', error: 'expired_trigger_id', messages: [] });
    log.record({
      method: 'chat.update',
      error: 'invalid_blocks',
      messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'],
    });
    expect(log.drain()).toEqual([
      'chat.update refused with invalid_blocks: [ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    ]);
    expect(log.drain()).toEqual([]);
    log.expect('used_url');
    expect(log.drain()).toEqual(['expected a call to be refused with used_url, and it was not']);
    expect(log.all).toHaveLength(2);
  });
});
