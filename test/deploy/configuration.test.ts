import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EnvironmentError, readEnvironment } from '../../bot/environment';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'bot', 'cli.js');

/** The compiled `cqms` run as an operator would, with only the variables given (no inherited configuration). */
function cqms(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One message: a single `error:` heading, nothing that looks like a stack frame. */
function expectOneMessage(stderr: string): void {
  expect(stderr.match(/^error:/gm)).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}

let dir: string;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  dir = mkdtempSync(join(tmpdir(), 'cqms-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a bad environment stops the compiled CLI with one message naming every problem', () => {
  it('cqms bot: malformed values, broken pairs and an unreadable SLA file together', () => {
    const r = cqms(['bot'], {
      PORT: 'eighty',
      REDIS_URL: 'http://127.0.0.1:6379',
      SLACK_BOT_TOKEN: 'xoxp-a-user-token',
      SLACK_CHARTS: 'gif',
      DISCORD_TOKEN: 'discord-token',
      CQMS_SLA_FILE: join(dir, 'missing.json'),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectOneMessage(r.stderr);
    expect(r.stderr).toMatch(/^error: invalid configuration, 8 problems:\n/);
    for (const problem of [
      /- PORT: must be a port number \(0 to 65535\)/,
      /- REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/,
      /- SLACK_BOT_TOKEN: must be a bot token \(xoxb-\.\.\.\)/,
      /- SLACK_CHARTS: .*"upload"/,
      /- CQMS_SLA_FILE: cannot read .*missing\.json \(ENOENT\)/,
      /- Slack needs SLACK_SIGNING_SECRET \(HTTP mode\) or SLACK_APP_TOKEN \(Socket Mode\) beside SLACK_BOT_TOKEN/,
      /- SLACK_SUPPORT_CHANNEL \(the id of the channel where query cards are posted\) is required with Slack/,
      /- Discord needs both DISCORD_TOKEN \(the bot token\) and DISCORD_APPLICATION_ID/,
    ]) {
      expect(r.stderr).toMatch(problem);
    }
  });

  it('cqms bot: an SLA file that is not JSON, and the channel Slack must post to', () => {
    const sla = join(dir, 'sla.json');
    writeFileSync(sla, '{ "default": ');
    const r = cqms(['bot'], { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', CQMS_SLA_FILE: sla });
    expect(r.code).toBe(1);
    expectOneMessage(r.stderr);
    expect(r.stderr).toMatch(/- CQMS_SLA_FILE: .*sla\.json is not valid JSON/);
    expect(r.stderr).toMatch(
      /- SLACK_SUPPORT_CHANNEL \(the id of the channel where query cards are posted\) is required with Slack/,
    );
  });

  it('cqms worker: no Redis, a Slack secret without its token, an SLA policy that breaks its schema', () => {
    const sla = join(dir, 'bad-policy.json');
    writeFileSync(sla, JSON.stringify({ default: { firstResponseHours: -1, resolutionHours: 72 }, warnAt: 2 }));
    const r = cqms(['worker'], { SLACK_SIGNING_SECRET: 'secret', CQMS_SLA_FILE: sla });
    expect(r.code).toBe(1);
    expectOneMessage(r.stderr);
    expect(r.stderr).toMatch(/- CQMS_SLA_FILE: .*bad-policy\.json: default\.firstResponseHours: /);
    expect(r.stderr).toMatch(/- CQMS_SLA_FILE: .*bad-policy\.json: warnAt: /);
    expect(r.stderr).toMatch(/- SLACK_BOT_TOKEN \(xoxb-\.\.\.\) is required to run the Slack app/);
    expect(r.stderr).toMatch(/- cqms worker needs REDIS_URL/);
  });

  it('a single problem is one line', () => {
    const r = cqms(['bot'], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: No chat platform is configured: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode), and/or DISCORD_TOKEN with DISCORD_APPLICATION_ID.\n',
    );
  });
});

describe('readEnvironment', () => {
  it('reads a valid SLA file once, at start, into the policy', () => {
    const sla = join(dir, 'good.json');
    writeFileSync(
      sla,
      JSON.stringify({
        default: { firstResponseHours: 2, resolutionHours: 48 },
        categories: { 'Payment Failure': { firstResponseHours: 1 } },
      }),
    );
    const env = readEnvironment({ CQMS_SLA_FILE: sla });
    expect(env.CQMS_SLA_FILE).toEqual({
      path: sla,
      policy: {
        default: { firstResponseHours: 2, resolutionHours: 48 },
        categories: { 'Payment Failure': { firstResponseHours: 1 } },
        warnAt: 0.8,
      },
    });
  });

  it('asks plain commands only for consistent pairs, and services for what they run on', () => {
    const discordApp = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678' };
    expect(() => readEnvironment(discordApp)).not.toThrow(); // enough for `cqms discord register`
    const problems = (role: 'bot' | 'worker') => {
      try {
        readEnvironment(discordApp, role);
        return [];
      } catch (e) {
        return (e as EnvironmentError).problems;
      }
    };
    expect(problems('bot')).toEqual([
      'DISCORD_SUPPORT_CHANNEL_ID (the id of the channel where query cards are posted) is required with Discord.',
    ]);
    expect(problems('worker')).toHaveLength(2);
  });
});
