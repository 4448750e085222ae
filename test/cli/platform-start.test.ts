import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/redis-server';
import { expectOneLine, inPool, runCqms } from './run-cqms';

/**
 * A server answering as Slack and Discord answer a token they do not take: Slack with 200 and `invalid_auth`
 * (its Web API's way), except auth.test for the good bot token; Discord with 401 on every route.
 */
function refusingPlatforms(): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.url?.startsWith('/discord/')) return json(401, { message: '401: Unauthorized', code: 0 });
      const good = req.headers.authorization === 'Bearer xoxb-good';
      if (req.url === '/slack/auth.test' && good)
        return json(200, {
          ok: true,
          url: 'https://t.slack.com/',
          team: 'T',
          user: 'cqms',
          team_id: 'T0TEAM',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        });
      return json(200, { ok: false, error: 'invalid_auth' });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('a chat platform that refuses the bot or cannot be reached at start is named, with its URL', () => {
  let dir: string;
  let server: Server;
  let base: string;
  let closed: number;
  let env: (vars: Record<string, string>) => Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cqms-platform-'));
    server = await refusingPlatforms();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    closed = await freePort();
    // Each bot its own SQLite file (they migrate it at start); logs off, so stderr is the one message.
    let n = 0;
    env = (vars) => ({ DATABASE_URL: `sqlite:${join(dir, `bot${n++}.db`)}`, PORT: '0', LOG_LEVEL: 'silent', ...vars });
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const slack = (vars: Record<string, string>) => ({
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
    ...vars,
  });
  const discord = (vars: Record<string, string>) => ({
    DISCORD_TOKEN: 'a-token',
    DISCORD_APPLICATION_ID: '123456789012345678',
    DISCORD_SUPPORT_CHANNEL_ID: '123456789012345679',
    ...vars,
  });

  it('Slack: a refused bot token, a refused app-level token (Socket Mode), Slack out of reach, a host that does not resolve', async () => {
    const [bot, app, away, dns] = await inPool(
      [
        slack({ SLACK_BOT_TOKEN: 'xoxb-bad', SLACK_API_URL: `${base}/slack/` }),
        slack({ SLACK_BOT_TOKEN: 'xoxb-good', SLACK_APP_TOKEN: 'xapp-bad', SLACK_API_URL: `${base}/slack/` }),
        slack({ SLACK_BOT_TOKEN: 'xoxb-good', SLACK_API_URL: `http://127.0.0.1:${closed}/api/` }),
        slack({ SLACK_BOT_TOKEN: 'xoxb-good', SLACK_API_URL: 'http://no-such-host.invalid/api/' }),
      ],
      4,
      (vars) => runCqms(['bot'], env(vars)),
    );
    expectOneLine(
      bot!,
      `Slack refused the bot token at ${base}/slack/auth.test (invalid_auth): check SLACK_BOT_TOKEN: the Bot User OAuth Token (xoxb-...) under OAuth & Permissions of your app at api.slack.com/apps; reinstall the app to the workspace if the token was revoked.`,
    );
    expectOneLine(
      app!,
      `Slack refused the app-level token at ${base}/slack/apps.connections.open (invalid_auth): check SLACK_APP_TOKEN: an app-level token (xapp-...) with the connections:write scope, under Basic Information > App-Level Tokens.`,
    );
    expectOneLine(
      away!,
      `Slack is unreachable at http://127.0.0.1:${closed}/api/auth.test: the connection was refused (ECONNREFUSED). Check SLACK_API_URL, then this host's network.`,
    );
    expectOneLine(
      dns!,
      /^error: Slack is unreachable at http:\/\/no-such-host\.invalid\/api\/auth\.test: the host name could not be resolved( \(DNS did not answer\))? \((ENOTFOUND|EAI_AGAIN)\)\. Check SLACK_API_URL, then this host's network\.$/,
    );
  }, 120_000);

  it('Discord: 401 for the token at /gateway/bot and for `cqms discord register`, the connection refused, a host that does not resolve', async () => {
    const api = `${base}/discord`;
    const [token, register, away, dns] = await inPool(
      [
        ['bot', discord({ DISCORD_API_URL: api })],
        ['discord register', discord({ DISCORD_API_URL: api })],
        ['bot', discord({ DISCORD_API_URL: `http://127.0.0.1:${closed}/api` })],
        ['bot', discord({ DISCORD_API_URL: 'http://no-such-host.invalid/api' })],
      ] as const,
      2,
      ([command, vars]) => runCqms(command.split(' '), env(vars)),
    );
    const fix =
      'check DISCORD_TOKEN, the token under Bot in your application at discord.com/developers/applications (Reset Token gives a new one).';
    expectOneLine(token!, `Discord refused the bot token at ${api}/v10/gateway/bot (401 Unauthorized): ${fix}`);
    expectOneLine(
      register!,
      `Discord refused the bot token at ${api}/v10/applications/123456789012345678/commands (401 Unauthorized): ${fix}`,
    );
    expectOneLine(
      away!,
      `Discord is unreachable at http://127.0.0.1:${closed}/api/v10/gateway/bot: the connection was refused (ECONNREFUSED). Check DISCORD_API_URL, then this host's network.`,
    );
    expectOneLine(
      dns!,
      /^error: Discord is unreachable at http:\/\/no-such-host\.invalid\/api\/v10\/gateway\/bot: the host name could not be resolved( \(DNS did not answer\))? \((ENOTFOUND|EAI_AGAIN)\)\. Check DISCORD_API_URL, then this host's network\.$/,
    );
  }, 120_000);
});
