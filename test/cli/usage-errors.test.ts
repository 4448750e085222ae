import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/redis-server';
import { expectOperatorMessage, inPool, runCqms } from './run-cqms';

const DISCORD_APP = { DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: '123456789012345678' };

/** Every way to call a command wrongly, on every command: [arguments, what the message says, environment]. */
const MISTAKES: [string[], RegExp, Record<string, string>?][] = [
  [['frobnicate'], /^error: unknown command 'frobnicate'$/],
  [['users', 'frob'], /^error: unknown command 'frob'$/],
  [['data', 'frob'], /^error: unknown command 'frob'$/],
  [['bot', '--bogus'], /^error: unknown option '--bogus'$/],
  [['worker', '--bogus'], /^error: unknown option '--bogus'$/],
  [['bot', 'extra'], /^error: too many arguments for 'bot'/],
  [['db', 'migrate', '--bogus'], /^error: unknown option '--bogus'$/],
  [['db', 'migrate', 'extra'], /^error: too many arguments for 'migrate'/],
  [['users', 'list', '--bogus'], /^error: unknown option '--bogus'$/],
  [['users', 'add', '--username', 'x'], /^error: required option '--email <email>' not specified$/],
  [
    ['users', 'add', '--username', 'x', '--email', 'x@example.com', '--mobile', '9876543210', '--role', 'boss'],
    /^error: option '--role <role>' argument 'boss' is invalid\. Allowed choices are client, agent, lead\.$/,
  ],
  [['users', 'list', '--role', 'boss'], /^error: option '--role <role>' argument 'boss' is invalid/],
  [
    ['users', 'list', '--page', '0'],
    /^error: option '--page <n>' argument '0' is invalid\. It must be a whole number from 1 to 1,000,000\.$/,
  ],
  [['users', 'set-role', 'lena'], /^error: missing required argument 'role'$/],
  [
    ['users', 'set-role', 'lena', 'boss'],
    /^error: command-argument value 'boss' is invalid for argument 'role'\. Allowed choices are client, agent, lead\.$/,
  ],
  [['data', 'generate'], /^error: required option '--rows <n>' not specified$/],
  [
    ['data', 'generate', '--rows', 'lots'],
    /^error: option '--rows <n>' argument 'lots' is invalid\. It must be a whole number from 1 to 100,000,000\.$/,
  ],
  [['data', 'generate', '--rows', '5', '--seed', '-1'], /^error: option '--seed <s>' argument '-1' is invalid/],
  [['data', 'clean'], /^error: missing required argument 'in'$/],
  [['data', 'load'], /^error: missing required argument 'file'$/],
  [
    ['worker', '--concurrency', 'many'],
    /^error: option '--concurrency <n>' argument 'many' is invalid\. It must be a whole number from 1 to 1,000\.$/,
  ],
  [['jobs', 'failed', '--limit', 'x'], /^error: option '--limit <n>' argument 'x' is invalid/],
  [['jobs', 'retry'], /^error: missing required argument 'id'$/],
  [
    ['slack', 'manifest'],
    /^error: give the public URL for HTTP mode \(--url https:\/\/your-host\) or choose --socket-mode$/,
  ],
  [['slack', 'manifest', '--url', 'http://desk.example.com'], /^error: --url must be an https:\/\/ address/],
  [
    ['discord', 'register', '--guild', 'abc'],
    /^error: --guild must be a server id \(17 to 20 digits\), not "abc"$/,
    DISCORD_APP,
  ],
  [['discord', 'invite', 'extra'], /^error: too many arguments for 'invite'/],
  [['shell', '--bogus'], /^error: unknown option '--bogus'$/],
  [
    ['demo', '--fresh'],
    /^error: --fresh only deletes an SQLite demo file/,
    { DATABASE_URL: 'mysql://root@127.0.0.1:3306/cqms_never_created' },
  ],
];

/** The command whose usage the hint points at. */
function hintFor(args: string[]): string {
  const words = args.filter((a) => /^[a-z][a-z-]*$/.test(a));
  const known = new Set([
    'users',
    'data',
    'db',
    'jobs',
    'slack',
    'discord',
    'bot',
    'worker',
    'shell',
    'demo',
    'add',
    'list',
    'set-role',
    'generate',
    'clean',
    'load',
    'migrate',
    'failed',
    'retry',
    'manifest',
    'register',
    'invite',
  ]);
  const path: string[] = [];
  for (const w of words) {
    if (!known.has(w)) break;
    path.push(w);
    if (!['users', 'data', 'db', 'jobs', 'slack', 'discord'].includes(w)) break;
  }
  return `(run \`${['cqms', ...path].join(' ')} --help\` for usage)`;
}

describe('usage mistakes exit 2 with the error and a one-line hint; nothing runs', () => {
  it('on every command', async () => {
    const runs = await inPool(MISTAKES, 3, ([args, , env]) => runCqms(args, env ?? {}));
    runs.forEach((r, i) => {
      const [args, message] = MISTAKES[i]!;
      const lines = r.stderr.trimEnd().split('\n');
      expect({ args, code: r.code, stdout: r.stdout, lines: lines.length }).toEqual({
        args,
        code: 2,
        stdout: '',
        lines: 2,
      });
      expect(lines[0]).toMatch(message);
      expect(lines[1]).toBe(hintFor(args));
    });
    // A command group without its subcommand: that group's help instead of the hint.
    const groups = ['', 'users', 'data', 'db', 'jobs', 'slack', 'discord'];
    const bare = await inPool(groups, 3, (g) => runCqms(g ? [g] : []));
    bare.forEach((r, i) => {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        new RegExp(`^Usage: cqms${groups[i] ? ` ${groups[i]}` : ''} \\[options\\] \\[command\\]`),
      );
    });
  }, 180_000);
});

describe('a command that runs and fails exits 1, with one line', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'cqms-cli-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an account that does not exist, a file that does not exist, and Redis away', async () => {
    const db = `sqlite:${join(dir, 'desk.db')}`;
    expect((await runCqms(['db', 'migrate'], { DATABASE_URL: db })).code).toBe(0);
    const closed = await freePort();
    const [ghost, file, redis] = await inPool(
      [
        runCqms.bind(null, ['users', 'set-role', 'ghost', 'lead'], { DATABASE_URL: db }),
        runCqms.bind(null, ['data', 'load', join(dir, 'missing.csv')], { DATABASE_URL: db }),
        runCqms.bind(null, ['jobs', 'failed'], { REDIS_URL: `redis://127.0.0.1:${closed}` }),
      ],
      3,
      (run) => run(),
    );
    expect(ghost).toMatchObject({ code: 1, stderr: 'error: No user "ghost" exists.\n' });
    expect(file).toMatchObject({ code: 1, stderr: `error: ${join(dir, 'missing.csv')}: no such file\n` });
    expect(redis).toMatchObject({
      code: 1,
      stderr: `error: Cannot reach Redis at 127.0.0.1:${closed} within 10 s: check that it is running and REDIS_URL.\n`,
    });
    for (const r of [ghost, file, redis]) expectOperatorMessage(r!.stderr);
  }, 60_000);
});
