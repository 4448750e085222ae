import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBlockActions } from './parse-block-actions';
import { parseHomeOpened } from './parse-home-opened';
import { parseSlashCommand } from './parse-slash-command';
import { parseViewSubmission } from './parse-view-submission';

type Json = Record<string, any>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'slack', name), 'utf8'));

describe('Slack payload parsers', () => {
  it('reads a slash command', () => {
    expect(parseSlashCommand({ ...fixture('slash-command.json'), text: '  claim 42  ' })).toEqual({
      kind: 'command',
      user: { teamId: 'T1', userId: 'U0ZOE' },
      text: 'claim 42',
      channelId: 'C0GENERAL',
      triggerId: '13345224609.738474920.8088930838d88f008e0',
      responseUrl: 'https://hooks.slack.com/commands/T1/1234567890/abcdefghijklmnop',
    });
    expect(parseSlashCommand({ ...fixture('slash-command.json'), user_id: undefined })).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringMatching(/user_id/),
    });
  });

  it('reads a button press and where it was', () => {
    const p = fixture('block-actions.json');
    expect(parseBlockActions(p)).toMatchObject({
      kind: 'button',
      user: { teamId: 'T1', userId: 'U0ANN' },
      actionId: 'cqms|claim|1',
      action: { kind: 'claim', queryId: 1 },
      channelId: 'C0SUPPORT',
      messageTs: '1770000001.000100',
      surface: 'message',
    });
    expect(parseBlockActions({ ...p, container: { ...p.container, is_ephemeral: true } })).toMatchObject({
      surface: 'ephemeral',
    });
    const home = {
      ...p,
      container: { type: 'view', view_id: 'V1' },
      view: { id: 'V1', type: 'home' },
      channel: undefined,
      message: undefined,
      response_url: undefined,
    };
    expect(parseBlockActions(home)).toMatchObject({ surface: 'home', channelId: null, responseUrl: null });
    // Enterprise Grid: no team object, the user's team decides.
    expect(parseBlockActions({ ...p, team: null })).toMatchObject({ user: { teamId: 'T1' } });
    expect(parseBlockActions({ ...p, actions: [] }).kind).toBe('unsupported');
    expect(parseBlockActions({ ...p, actions: [{ type: 'static_select', action_id: 'x' }] }).kind).toBe('unsupported');
    expect(parseBlockActions('payload').kind).toBe('unsupported');
  });

  it('reads a modal submission: select, texts, files, and the form it belongs to', () => {
    const s = parseViewSubmission(fixture('view-submission-new.json'));
    expect(s).toEqual({
      kind: 'submit',
      user: { teamId: 'T1', userId: 'U0ZOE' },
      viewId: 'V0NEW000001',
      form: { formId: 'new', channelId: 'C0GENERAL' },
      fields: {
        category: 'Payment Failure',
        heading: 'Card declined',
        description: 'Twice today <!channel> <@U0BOSS> <https://evil.example|click>',
      },
      files: {
        screenshot: [
          {
            id: 'F0SHOT',
            name: 'card.png',
            mimetype: 'image/png',
            size: 70,
            url: 'https://files.slack.com/files-pri/T1-F0SHOT/download/card.png',
          },
        ],
      },
    });
  });

  it('ignores modals that are not ours', () => {
    const p = fixture('view-submission-new.json');
    expect(parseViewSubmission({ ...p, view: { ...p.view, callback_id: 'other_app' } }).kind).toBe('unsupported');
    for (const meta of ['', 'not json', '{"f":"drop"}', '{"f":"close","q":-1}', '{"f":"new","c":"<script>"}']) {
      expect(parseViewSubmission({ ...p, view: { ...p.view, private_metadata: meta } }).kind).toBe('unsupported');
    }
  });

  it('reads who opened the App Home, and only the Home tab', () => {
    const e = fixture('app-home-opened.json');
    expect(parseHomeOpened(e)).toEqual({ teamId: 'T1', userId: 'U0ANN' });
    expect(parseHomeOpened({ ...e, event: { ...e.event, tab: 'messages' } })).toBeNull();
    expect(parseHomeOpened({ ...e, team_id: undefined })).toEqual({ teamId: 'T1', userId: 'U0ANN' });
    expect(parseHomeOpened({ type: 'url_verification' })).toBeNull();
  });
});
