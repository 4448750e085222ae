import type { APIInteraction } from 'discord.js';
import { fixture } from '../../test/discord/discord-driver';
import { parseInteraction } from './parse-interaction';

const parse = (name: string, patch: (p: Record<string, unknown>) => void = () => undefined) => {
  const p = fixture(name);
  patch(p);
  return parseInteraction(p as unknown as APIInteraction, 'cqms');
};

describe('Discord payload parsers', () => {
  it('reads a slash subcommand with a resolved attachment', () => {
    expect(parse('slash-new-attachment.json')).toEqual({
      kind: 'command',
      meta: {
        id: '1500000000000000006',
        applicationId: '1300000000000000001',
        token: expect.any(String),
        user: { userId: '1200000000000000001', username: 'Zoe' },
        channelId: '1300000000000000202',
        guildId: '1300000000000000100',
      },
      name: 'new',
      options: {
        values: { category: 'Payment Failure' },
        attachments: {
          screenshot: {
            id: '1450000000000000001',
            filename: 'card.png',
            size: 68,
            contentType: 'image/png',
            url: expect.stringMatching(/^https:\/\/cdn\.discordapp\.com\//),
          },
        },
        users: {},
      },
    });
  });

  it('reads a user option as the resolved user, and integer options as numbers', () => {
    const c = parse('slash-assign-user.json');
    expect(c).toMatchObject({
      kind: 'command',
      name: 'assign',
      options: { values: { id: 42 }, users: { agent: { userId: '1200000000000000002', username: 'Ann' } } },
    });
  });

  it('refuses other commands and bare commands', () => {
    expect(parse('slash-command.json', (p) => ((p.data as { name: string }).name = 'other'))).toMatchObject({
      kind: 'unsupported',
      reason: 'unknown command /other',
    });
    expect(parse('slash-command.json', (p) => ((p.data as { options: unknown[] }).options = []))).toMatchObject({
      kind: 'unsupported',
      reason: '/cqms without a subcommand',
    });
  });

  it('reads a button in a guild and in a DM, where the user is `user` and there is no guild', () => {
    expect(parse('button.json')).toMatchObject({
      kind: 'button',
      actionId: 'cqms|claim|1',
      action: { kind: 'claim', queryId: 1 },
      messageId: '1400000000000000001',
      ephemeralMessage: false,
      meta: { user: { userId: '1200000000000000002' }, channelId: '1300000000000000200' },
    });
    expect(parse('dm-button.json')).toMatchObject({
      kind: 'button',
      actionId: 'cqms|rate|1|5',
      action: { kind: 'rate', queryId: 1, rating: 5 },
      meta: { user: { userId: '1200000000000000001' }, guildId: null, channelId: '1300000000000000300' },
    });
    expect(parse('button.json', (p) => ((p.data as { component_type: number }).component_type = 3))).toMatchObject({
      kind: 'unsupported',
      reason: 'component type 3',
    });
  });

  it('reads a modal submit: the form reference from its id, values from labels or legacy action rows', () => {
    expect(parse('modal-submit.json')).toMatchObject({
      kind: 'submit',
      form: { formId: 'new', categoryIndex: 6, uploadId: '0123456789abcdef' },
      fields: { heading: 'Card declined', description: 'Twice today @everyone', mobile: '' },
    });
    const legacy = parse('modal-submit.json', (p) => {
      p.data = {
        custom_id: 'cqmsf|close|7||',
        components: [{ type: 1, components: [{ type: 4, custom_id: 'note', value: 'done' }] }],
      };
    });
    expect(legacy).toMatchObject({ kind: 'submit', form: { formId: 'close', queryId: 7 }, fields: { note: 'done' } });
    expect(
      parse('modal-submit.json', (p) => ((p.data as { custom_id: string }).custom_id = 'cqmsf|new|x||')),
    ).toMatchObject({ kind: 'unsupported' });
  });

  it('reads the focused option of an autocomplete', () => {
    expect(parse('autocomplete.json')).toMatchObject({
      kind: 'autocomplete',
      name: 'claim',
      focused: { name: 'id', value: '4' },
    });
  });

  it('calls anything else unsupported', () => {
    expect(parse('slash-command.json', (p) => (p.type = 1))).toMatchObject({
      kind: 'unsupported',
      reason: 'interaction type 1',
    });
    expect(parse('slash-command.json', (p) => delete p.member)).toEqual({
      kind: 'unsupported',
      meta: null,
      reason: 'no user on the interaction',
    });
  });
});
