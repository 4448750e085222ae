import { CATALOG } from '../../core/commands/catalog';
import { BOT_SCOPES, slackManifest, toYaml } from './manifest';

type Json = Record<string, any>;

describe('the Slack app manifest', () => {
  it('is generated from the catalog: one slash command listing every command', () => {
    const m = slackManifest({ socketMode: false, url: 'https://desk.example.com/' }) as Json;
    const [cmd] = m.features.slash_commands;
    expect(cmd).toMatchObject({ command: '/cqms', url: 'https://desk.example.com/slack/events', should_escape: false });
    const hinted = cmd.usage_hint.split(' | ').map((h: string) => h.split(' ')[0]);
    expect(hinted).toEqual(CATALOG.map((c) => c.name));
    expect(m.settings).toMatchObject({
      socket_mode_enabled: false,
      interactivity: { is_enabled: true, request_url: 'https://desk.example.com/slack/events' },
      event_subscriptions: {
        request_url: 'https://desk.example.com/slack/events',
        bot_events: ['app_home_opened', 'message.channels', 'message.groups', 'message.im'],
      },
    });
    expect(m.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    // A read-only Messages tab would leave clients no way to write in their queries' DM threads.
    expect(m.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  it('hears conversation messages: each message event comes with the history scope Slack requires for it', () => {
    const m = slackManifest({ socketMode: true }) as Json;
    const scopes: string[] = m.oauth_config.scopes.bot;
    const events: string[] = m.settings.event_subscriptions.bot_events;
    // docs.slack.dev/reference/events: message.channels needs channels:history, message.groups groups:history,
    // message.im im:history; replying in a DM needs im:write to open it.
    const needs: Record<string, string> = {
      'message.channels': 'channels:history',
      'message.groups': 'groups:history',
      'message.im': 'im:history',
    };
    for (const [event, scope] of Object.entries(needs)) {
      expect(events).toContain(event);
      expect(scopes).toContain(scope);
    }
    expect(scopes).toContain('im:write');
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('never suggests typing a password into the slash command', () => {
    const m = slackManifest({ socketMode: true }) as Json;
    expect(m.features.slash_commands[0].usage_hint).toMatch(/^help \| register \| login \| /);
    expect(JSON.stringify(m)).not.toMatch(/password|secret/i);
  });

  it('in Socket Mode needs no URL anywhere', () => {
    const m = slackManifest({ socketMode: true });
    expect(JSON.stringify(m)).not.toMatch(/request_url|"url"/);
    expect((m as Json).settings.socket_mode_enabled).toBe(true);
    expect(() => slackManifest({ socketMode: false })).toThrow(/--url/);
  });

  it('prints as YAML too', () => {
    const y = toYaml(slackManifest({ socketMode: true })).trimStart();
    expect(y).toMatch(/^display_information:\n {2}name: "CQMS"\n/);
    expect(y).toContain('\n  slash_commands:\n    - command: "/cqms"\n      description: ');
    expect(y).toContain('\n    bot:\n      - "commands"\n      - "chat:write"\n');
    expect(y).toContain('\n  socket_mode_enabled: true\n');
  });
});
