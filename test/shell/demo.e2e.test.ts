import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../adapters/storage/sequelize-store';
import { DEMO_ACCOUNTS } from '../../bot/demo-setup';
import { chartsIn, runScripted, STACK_TRACE } from './shell-harness';

describe('cqms demo', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cqms-demo-test-'));
    env = {
      DATABASE_URL: `sqlite:${join(dir, 'demo.db')}`,
      CQMS_CHARTS_DIR: join(dir, 'charts'),
      CQMS_EXPORTS_DIR: join(dir, 'exports'),
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads sample data, creates and signs in the demo accounts, and opens the shell', async () => {
    const run = await runScripted(['demo'], env, ['/as zoe', 'mine', '/as lee', 'team', 'export status=Open', '/quit']);
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(run.out).not.toMatch(STACK_TRACE);
    expect(run.out).toMatch(
      /^CQMS demo on sqlite:.*demo\.db: 1,\d{3} queries \(sample data just loaded; 40 claimed, \d+ closed and 20 assigned by the demo staff\)\./,
    );
    expect(run.out).toContain('all with the password demo-password: agents ann and ben, lead lee, client zoe.');
    for (const who of ['/as zoe', '/as ann', '/as lee']) expect(run.out).toContain(`  ${who}  `);
    expect(run.out).toContain('You are now zoe, signed in as zoe (client).');
    expect(run.out).toMatch(/Your queries \(2\)\n[\s\S]*OTP never arrives[\s\S]*Charged twice for November/);
    expect(run.out).toContain('You are now lee, signed in as lee (lead).');
    expect(run.out).toMatch(/Agents\n.*\n.*\n {2}(Ann|Ben) +\d+/);
    expect(chartsIn(run.out)).toHaveLength(6);
    const exported = /⤓ .*written to (\S+\.csv) \(\d+ bytes\)/.exec(run.out);
    expect(exported && existsSync(exported[1]!)).toBe(true);

    const store = await openStore(env.DATABASE_URL!);
    try {
      for (const a of DEMO_ACCOUNTS) {
        const [u] = await store.users.findByLogin({ username: a.username });
        expect(u?.role).toBe(a.role);
        expect(await store.identities.find('shell', 'local', a.username)).toMatchObject({ userId: u!.id });
      }
      const [ann] = await store.users.findByLogin({ username: 'ann' });
      expect(
        (await store.queries.list({ assigneeId: ann!.id, status: ['Closed'] }, { limit: 1, offset: 0 })).total,
      ).toBeGreaterThan(0);
      expect((await store.queries.list({ status: ['Open'] }, { limit: 1, offset: 0 })).total).toBeGreaterThan(100);
    } finally {
      await store.close();
    }
  });

  it('uses the same data the second time, and starts over with --fresh', async () => {
    const again = await runScripted(['demo'], env, ['/quit']);
    expect(again.code).toBe(0);
    const n = /: (1,\d{3}) queries\./.exec(again.out)?.[1];
    expect(n).toBeDefined();
    expect(again.out).not.toContain('sample data just loaded');

    const fresh = await runScripted(['demo', '--fresh'], env, ['/quit']);
    expect(fresh.code).toBe(0);
    expect(fresh.out).toContain(`: ${n} queries (sample data just loaded`);
  });

  it('refuses --fresh on a MySQL store as a usage mistake, in one line and a hint', async () => {
    const run = await runScripted(
      ['demo', '--fresh'],
      { ...env, DATABASE_URL: 'mysql://root@127.0.0.1:3306/cqms_never_created' },
      ['/quit'],
    );
    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      'error: --fresh only deletes an SQLite demo file; drop the MySQL database yourself, or leave out --fresh',
      '(run `cqms demo --help` for usage)',
    ]);
  });
});
