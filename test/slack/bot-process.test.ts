import { runCli } from '../../bot/cli/program';
import { startBot } from '../../bot/bot-process';
import { readEnvironment } from '../../bot/environment';
import { SlackPlatform, slackSettings } from '../../bot/slack-wiring';
import { openTestStore } from '../support/test-stores';
import { FakeSlack } from './fake-slack';
import { fixture, SIGNING_SECRET } from './slack-driver';

const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, e?: unknown) => console.error(m, e) };

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cqms bot and cqms slack', () => {
  it('runs Slack in Socket Mode when SLACK_APP_TOKEN is set: no HTTP endpoint, envelopes acknowledged', async () => {
    const fake = await FakeSlack.start();
    const store = await openTestStore('sqlite');
    const env = readEnvironment({
      DATABASE_URL: store.url,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_APP_TOKEN: 'xapp-1-test',
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
    });
    const slack = new SlackPlatform(slackSettings(env)!, {
      log: quiet,
      clientOptions: { retryConfig: { retries: 0 } },
    });
    const bot = await startBot(env, { log: quiet, platforms: [slack] });
    try {
      expect(slack.eventsUrl).toBeNull();
      expect(slack.describe()).toBe('Slack (Socket Mode)');
      expect(fake.api('apps.connections.open')[0]!.headers.authorization).toBe('Bearer xapp-1-test');
      const responseUrl = fake.responseUrl();
      const { ack, ms } = await fake.envelope('slash_commands', {
        ...fixture<Record<string, string>>('slash-command.json'),
        text: 'help',
        response_url: responseUrl,
      });
      expect(ack.envelope_id).toBeDefined();
      expect(ms).toBeLessThan(3000);
      const help = await fake.waitFor(
        () => fake.of('response').find((c) => c.method === new URL(responseUrl).pathname),
        'the help reply',
      );
      expect(JSON.stringify(help.body)).toMatch(/Commands \(sign in to see more\)/);
      await fake.envelope('slash_commands', {
        ...fixture<Record<string, string>>('slash-command.json'),
        text: 'register',
        response_url: fake.responseUrl(),
      });
      await fake.waitFor(() => fake.api('views.open')[0], 'the register modal');
    } finally {
      await bot.stop();
      await store.dispose();
      await fake.close();
    }
  });

  it('stops gracefully on SIGTERM: the endpoint closes, the store closes', async () => {
    const fake = await FakeSlack.start();
    const store = await openTestStore('sqlite');
    const env = readEnvironment({
      DATABASE_URL: store.url,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
      PORT: '0',
    });
    const slack = new SlackPlatform(slackSettings(env)!, { log: quiet, host: '127.0.0.1' });
    const bot = await startBot(env, { log: quiet, platforms: [slack], signals: true });
    const url = slack.eventsUrl!;
    expect((await fetch(url, { method: 'POST' })).status).toBe(401);
    process.emit('SIGTERM', 'SIGTERM');
    await bot.stopped;
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
    await expect(bot.runtime.deps.store.users.findById(1)).rejects.toThrow();
    expect(process.listenerCount('SIGTERM')).toBe(0);
    await store.dispose();
    await fake.close();
  });

  it('prints the manifest and explains what is missing', async () => {
    const json = await cli(['slack', 'manifest', '--socket-mode']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).settings.socket_mode_enabled).toBe(true);
    const yaml = await cli(['slack', 'manifest', '--url', 'https://desk.example.com', '--yaml']);
    expect(yaml.out).toContain('request_url: "https://desk.example.com/slack/events"');
    expect((await cli(['slack', 'manifest'])).err).toMatch(/--url https:\/\/your-host\) or choose --socket-mode/);
    expect((await cli(['slack', 'manifest', '--url', 'http://plain'])).err).toMatch(/must be an https:\/\/ address/);
    const none = await cli(['bot']);
    expect(none).toMatchObject({
      code: 1,
      err: expect.stringMatching(/No chat platform is configured: set SLACK_BOT_TOKEN/),
    });
    const half = await cli(['bot'], { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    expect(half.err).toMatch(/SLACK_SUPPORT_CHANNEL/);
    expect((await cli(['bot'], { SLACK_BOT_TOKEN: 'xoxp-user' })).err).toMatch(/SLACK_BOT_TOKEN: must be a bot token/);
  });
});
