import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequelize } from 'sequelize';
import { freePort } from '../support/redis-server';
import { TcpProxy } from '../support/tcp-proxy';
import { dropMysqlDatabase, MYSQL_URL } from '../support/test-stores';
import { expectOneLine, inPool, runCqms } from './run-cqms';

const server = new URL(MYSQL_URL);
const HOST = server.hostname;
const PORT = Number(server.port || 3306);
const AT = `MySQL at ${HOST}:${PORT}`;
const tag = () => `${process.pid}_${randomBytes(3).toString('hex')}`;
/** The MySQL URL of `db` as `user`:`password`, on the tests' server. */
const urlOf = (db: string, user?: string, password?: string) => {
  const u = new URL(`${MYSQL_URL}/${db}`);
  if (user !== undefined) u.username = user;
  if (password !== undefined) u.password = password;
  return u.toString();
};
const SLACK = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
  PORT: '0',
};

async function asRoot<T>(fn: (admin: Sequelize) => Promise<T>): Promise<T> {
  const admin = new Sequelize('', decodeURIComponent(server.username || 'root'), decodeURIComponent(server.password), {
    dialect: 'mysql',
    host: HOST,
    port: PORT,
    logging: false,
  });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

describe('MySQL at start: each cause named, with what to do', () => {
  const user = `cqms_t_u_${tag()}`;
  const db = `cqms_t_${tag()}`;
  beforeAll(() =>
    asRoot(async (admin) => {
      await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'the-right-password'`);
      await admin.query(`GRANT ALL ON \`${db}\`.* TO '${user}'@'%'`);
    }),
  );
  afterAll(async () => {
    await asRoot((admin) => admin.query(`DROP USER IF EXISTS '${user}'@'%'`));
    await dropMysqlDatabase(db);
  });

  it('a wrong password: access denied for that user, from a one-off command, the bot and the worker', async () => {
    const wrong = urlOf(db, user, 'a-wrong-password');
    const runs = await inPool([['users', 'list'], ['db', 'migrate'], ['bot'], ['worker']], 2, (args) =>
      runCqms(args, {
        DATABASE_URL: wrong,
        ...(args[0] === 'bot' ? SLACK : {}),
        ...(args[0] === 'worker' ? { REDIS_URL: 'redis://127.0.0.1:1' } : {}),
        LOG_LEVEL: 'silent',
      }),
    );
    for (const r of runs) {
      expectOneLine(
        r,
        new RegExp(
          `^error: ${AT}: Access denied for user '${user}'@'[^']+'.*\\. Check the user and password in DATABASE_URL \\(percent-encode @, / and % in them\\), and that this user is granted access to the database "${db}" from this host\\.$`,
        ),
      );
    }
    // The right password opens it: the message was about the password, not the set-up.
    expect(await runCqms(['db', 'migrate'], { DATABASE_URL: urlOf(db, user, 'the-right-password') })).toMatchObject({
      code: 0,
      stderr: '',
    });
  }, 120_000);
});

describe('a database that is missing or not migrated', () => {
  const missing = `cqms_t_${tag()}`;
  const empty = `cqms_t_${tag()}`;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cqms-start-'));
    await asRoot((admin) => admin.query(`CREATE DATABASE \`${empty}\``));
  });
  afterAll(async () => {
    await dropMysqlDatabase(missing);
    await dropMysqlDatabase(empty);
    rmSync(dir, { recursive: true, force: true });
  });

  it('MySQL: a database that does not exist says so, and `cqms db migrate` creates it', async () => {
    expectOneLine(
      await runCqms(['users', 'list'], { DATABASE_URL: urlOf(missing) }),
      `${AT} has no database "${missing}": \`cqms db migrate\` creates it (or correct the name in DATABASE_URL).`,
    );
    expect(await runCqms(['db', 'migrate'], { DATABASE_URL: urlOf(missing) })).toMatchObject({ code: 0, stderr: '' });
    expect(await runCqms(['users', 'list'], { DATABASE_URL: urlOf(missing) })).toMatchObject({ code: 0, stderr: '' });
  }, 60_000);

  it('MySQL: an empty database, then one behind this version, ask for `cqms db migrate`', async () => {
    const url = urlOf(empty);
    expectOneLine(
      await runCqms(['users', 'list'], { DATABASE_URL: url }),
      `The database ${url} has no CQMS tables yet: run \`cqms db migrate\` first.`,
    );
    expect(await asRoot(async (admin) => admin.query(`SHOW TABLES FROM \`${empty}\``).then(([rows]) => rows))).toEqual(
      [],
    ); // the check wrote nothing
    expect((await runCqms(['db', 'migrate'], { DATABASE_URL: url })).code).toBe(0);
    const [last] = await asRoot((admin) =>
      admin.query(`SELECT name FROM \`${empty}\`.schema_migrations ORDER BY name DESC LIMIT 1`),
    ).then(([rows]) => rows as { name: string }[]);
    await asRoot((admin) =>
      admin.query(`DELETE FROM \`${empty}\`.schema_migrations WHERE name = ?`, { replacements: [last!.name] }),
    );
    expectOneLine(
      await runCqms(
        [
          'users',
          'add',
          '--username',
          'lee',
          '--email',
          'lee@example.com',
          '--mobile',
          '9876543210',
          '--password',
          'long enough',
        ],
        { DATABASE_URL: url },
      ),
      `The database ${url} is behind this version of cqms (1 migration(s) pending: ${last!.name}): run \`cqms db migrate\` first.`,
    );
  }, 60_000);

  it('SQLite: a file that is not there is not created; an empty one asks for `cqms db migrate`', async () => {
    const absent = join(dir, 'absent.db');
    expectOneLine(
      await runCqms(['users', 'list'], { DATABASE_URL: `sqlite:${absent}` }),
      `There is no SQLite database at ${absent}: \`cqms db migrate\` creates it (or correct the path in DATABASE_URL).`,
    );
    expect(existsSync(absent)).toBe(false);
    const blank = join(dir, 'blank.db');
    writeFileSync(blank, '');
    expectOneLine(
      await runCqms(['users', 'set-role', 'lee', 'agent'], { DATABASE_URL: `sqlite:${blank}` }),
      `The database sqlite:${blank} has no CQMS tables yet: run \`cqms db migrate\` first.`,
    );
    const notADb = join(dir, 'notes.txt');
    writeFileSync(notADb, 'these are not the tables you are looking for, '.repeat(100));
    expectOneLine(
      await runCqms(['db', 'migrate'], { DATABASE_URL: `sqlite:${notADb}` }),
      `${notADb} is not an SQLite database (SQLITE_NOTADB): check the path in DATABASE_URL.`,
    );
  }, 60_000);

  it('MySQL away: the connection refused, and a host that does not resolve', async () => {
    const closed = await freePort();
    const [refused, unknown] = await Promise.all([
      runCqms(['users', 'list'], { DATABASE_URL: `mysql://root@127.0.0.1:${closed}/cqms` }),
      runCqms(['db', 'migrate'], { DATABASE_URL: 'mysql://root@no-such-host.invalid:3306/cqms' }),
    ]);
    expectOneLine(
      refused,
      `Cannot reach MySQL at 127.0.0.1:${closed}: the connection was refused. Check that the server is running and the host and port in DATABASE_URL.`,
    );
    expectOneLine(
      unknown,
      /^error: Cannot reach MySQL: the host "no-such-host\.invalid" in DATABASE_URL could not be resolved \((ENOTFOUND|EAI_AGAIN)\)\. Check the host name and DNS\.$/,
    );
  }, 60_000);

  it('MySQL silent (connections accepted, nothing answered): said after the connect timeout', async () => {
    const proxy = await TcpProxy.inFrontOf(MYSQL_URL, 3306);
    try {
      await proxy.blackhole();
      const r = await runCqms(['users', 'list'], { DATABASE_URL: proxy.rewrite(urlOf('cqms')) });
      expectOneLine(
        r,
        `Cannot reach MySQL at 127.0.0.1:${proxy.port}: it did not answer in time (ETIMEDOUT). Check the host and port in DATABASE_URL and any firewall between.`,
      );
    } finally {
      await proxy.close();
    }
  }, 60_000);
});

describe('a malformed DATABASE_URL is named with the other variables, in one message', () => {
  it.each([
    ['postgres://db.example.com/cqms', 'unsupported scheme "postgres:"; use mysql:// or sqlite:'],
    ['mysql:///cqms', 'the MySQL URL names no host (mysql://user:pass@host:3306/cqms)'],
    ['mysql://db.example.com:3306', 'the MySQL URL names no database (mysql://host:3306/cqms)'],
    [
      'mysql://cqms:50%off@db.example.com/cqms',
      'the password is not percent-encoded correctly (write % as %25, @ as %40, / as %2F)',
    ],
    [
      'sqlite:/nonexistent-dir/cqms.db',
      'the directory /nonexistent-dir does not exist: create it, or correct the path (sqlite:path/to/file.db)',
    ],
    ['', 'is empty: set mysql://user:pass@host:3306/db or sqlite:path/to/file.db, or leave it unset for the default'],
  ])(
    '%j',
    async (url, problem) => {
      const r = await runCqms(['bot'], { DATABASE_URL: url, PORT: 'eighty' });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        [
          'error: invalid configuration, 3 problems:',
          `  - DATABASE_URL: ${problem}`,
          '  - PORT: must be a port number (0 to 65535)',
          '  - No chat platform is configured: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode), and/or DISCORD_TOKEN with DISCORD_APPLICATION_ID.',
          '',
        ].join('\n'),
      );
    },
    30_000,
  );
});
