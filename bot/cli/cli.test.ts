import { runCli } from './program';
import { openTestStore, type TestStore } from '../../test/support/test-stores';

async function cqms(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.each(['sqlite', 'mysql'] as const)('cqms db and users commands on %s', (kind) => {
  let ts: TestStore;
  let env: Record<string, string>;
  beforeAll(async () => {
    ts = await openTestStore(kind);
    env = { DATABASE_URL: ts.url };
  });
  afterAll(() => ts.dispose());

  it('migrates idempotently', async () => {
    const r = await cqms(['db', 'migrate'], env);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('is up to date');
  });

  it('adds, lists and re-roles users', async () => {
    const add = await cqms(
      [
        'users',
        'add',
        '--username',
        'Lena',
        '--email',
        'lena@example.com',
        '--mobile',
        '+91 98111 22333',
        '--role',
        'lead',
      ],
      {
        ...env,
        CQMS_PASSWORD: 'long enough pw',
      },
    );
    expect(add).toMatchObject({ code: 0, out: expect.stringMatching(/Created lead lena \(#\d+\)/) });
    const list = await cqms(['users', 'list', '--role', 'lead'], env);
    expect(list.out).toMatch(/lena\s+lead\s+lena@example.com\s+9811122333/);
    const set = await cqms(['users', 'set-role', '9811122333', 'agent'], env);
    expect(set).toMatchObject({ code: 0, out: 'lena now has the role agent.' });
  });

  it('answers bad input with one clear line and a non-zero exit', async () => {
    const noPw = await cqms(
      ['users', 'add', '--username', 'x1x', '--email', 'x@example.com', '--mobile', '9811122334'],
      env,
    );
    expect(noPw).toMatchObject({ code: 1, err: 'error: invalid input: password: password is required' });
    const bad = await cqms(
      ['users', 'add', '--username', 'x1x', '--email', 'nope', '--mobile', '123', '--password', 'longenough'],
      env,
    );
    expect(bad.err).toBe(
      'error: invalid input: email: email is not a valid address (expected name@domain.tld); mobile: mobile must be a 10-digit Indian mobile number starting with 6, 7, 8 or 9',
    );
    expect(await cqms(['users', 'set-role', 'lena', 'boss'], env)).toMatchObject({
      code: 2,
      err: "error: command-argument value 'boss' is invalid for argument 'role'. Allowed choices are client, agent, lead.\n(run `cqms users set-role --help` for usage)",
    });
    expect((await cqms(['users', 'set-role', 'ghost', 'lead'], env)).err).toBe('error: No user "ghost" exists.');
    expect((await cqms(['users', 'frobnicate'], env)).code).toBe(2);
  });

  it('refuses a malformed DATABASE_URL without a stack trace', async () => {
    const r = await cqms(['db', 'migrate'], { DATABASE_URL: 'postgres://x/y' });
    expect(r).toMatchObject({
      code: 1,
      err: 'error: DATABASE_URL: unsupported scheme "postgres:"; use mysql:// or sqlite:',
    });
  });
});

it('says the database is unreachable and where, not a stack trace', async () => {
  const r = await cqms(['users', 'list'], { DATABASE_URL: 'mysql://root@127.0.0.1:1/cqms' });
  expect(r.code).toBe(1);
  expect(r.err).toBe(
    'error: Cannot reach MySQL at 127.0.0.1:1: the connection was refused. Check that the server is running and the host and port in DATABASE_URL.',
  );
});
