import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestStore, type TestStore } from '../support/test-stores';
import { CqmsProcess } from './cli-process';

/**
 * A real `cqms data load` SIGKILLed at each phase on MySQL, then the next `cqms` command: the file's rows are all
 * there or none, with their accounts or none, and client_queries has every index the migrations built. The load
 * announces its phases and pauses at one under the test-only CQMS_TEST_LOAD_PAUSE (bulk-load/test-pause.ts).
 * 62,000 raw rows clean to over 50,000, so the load drops the secondary indexes and rebuilds them.
 */
const RAW_ROWS = 62_000;

async function cqms(args: string[], env: Record<string, string> = {}): Promise<string> {
  const p = new CqmsProcess(args, env, { oneProcess: true });
  const { code } = await p.exited;
  if (code !== 0) throw new Error(`cqms ${args.join(' ')} exited ${code}:\n${p.output}`);
  return p.output;
}

describe('a cqms data load killed at any phase (MySQL)', () => {
  let dir: string;
  let cleaned: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cqms-killed-load-'));
    const raw = join(dir, 'raw.csv');
    cleaned = join(dir, 'cleaned.csv');
    await cqms(['data', 'generate', '--rows', String(RAW_ROWS), '--seed', '7', '--out', raw]);
    await cqms(['data', 'clean', raw, '--out', cleaned]);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let ts: TestStore;
  beforeEach(async () => {
    ts = await openTestStore('mysql');
  });
  afterEach(() => ts?.dispose());

  const read = async <T>(sql: string) => (await ts.store.sequelize.query(sql))[0] as T[];
  const indexes = async () =>
    (await read<{ Key_name: string; Seq_in_index: number; Column_name: string }>('SHOW INDEX FROM client_queries'))
      .map((r) => `${r.Key_name}.${r.Seq_in_index}.${r.Column_name}`)
      .sort();
  const counts = async () => {
    const [c] = await read<{ q: number; u: number; stash: number }>(
      "SELECT (SELECT COUNT(*) FROM client_queries) q, (SELECT COUNT(*) FROM users WHERE role = 'client') u, (SELECT COUNT(*) FROM bulk_load_index_stash) stash",
    );
    return { queries: Number(c!.q), clients: Number(c!.u), stash: Number(c!.stash) };
  };
  /** What a whole load of the file stores: its rows, and one account per distinct email. */
  const whole = async () => {
    const out = await cqms(['data', 'load', cleaned], { DATABASE_URL: ts.url });
    expect(out).toMatch(/secondary indexes rebuilt in one pass/);
    return counts();
  };

  async function killAt(phase: 'staging' | 'inserting' | 'rebuilding'): Promise<void> {
    // At the rebuild the load is not paused: it is killed while its ALTER TABLE runs on the server.
    const p = new CqmsProcess(
      ['data', 'load', cleaned],
      { DATABASE_URL: ts.url, CQMS_TEST_LOAD_PAUSE: phase === 'rebuilding' ? 'announce' : phase },
      { oneProcess: true },
    );
    try {
      await p.waitFor(`[test] load phase: ${phase}`, 120_000);
      if (phase === 'rebuilding') {
        const db = new URL(ts.url).pathname.slice(1);
        for (;;) {
          const running = await read<{ n: number }>(
            `SELECT COUNT(*) n FROM information_schema.PROCESSLIST WHERE DB = '${db}' AND INFO LIKE 'ALTER TABLE%ADD INDEX%'`,
          );
          if (Number(running[0]!.n) > 0) break;
          if (p.output.includes('Loaded ')) throw new Error(`the load ended before its rebuild was seen:\n${p.output}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      p.signal('SIGKILL');
      expect((await p.exited).signal).toBe('SIGKILL');
    } finally {
      await p.kill();
    }
  }

  it.each(['staging', 'inserting'] as const)(
    'killed while %s: the next command finds no row, no account and every index',
    async (phase) => {
      const before = await indexes();
      await killAt(phase);
      await cqms(['db', 'migrate'], { DATABASE_URL: ts.url });
      expect(await counts()).toEqual({ queries: 0, clients: 0, stash: 0 });
      expect(await indexes()).toEqual(before);
      // The same file loads whole afterwards.
      const all = await whole();
      expect(all.queries).toBeGreaterThanOrEqual(50_000);
      expect(await indexes()).toEqual(before);
    },
    300_000,
  );

  it('killed while its indexes are rebuilt: the next command finds every row, every account and every index', async () => {
    const before = await indexes();
    await killAt('rebuilding');
    await cqms(['db', 'migrate'], { DATABASE_URL: ts.url });
    const afterKill = await counts();
    expect(afterKill.stash).toBe(0);
    expect(await indexes()).toEqual(before);
    expect(afterKill.queries).toBeGreaterThanOrEqual(50_000);
    // Everything was in: loading the file again adds nothing.
    const out = await cqms(['data', 'load', cleaned], { DATABASE_URL: ts.url });
    expect(out).toMatch(/ 0 inserted, .* 0 client account\(s\) created/);
    expect(await counts()).toEqual(afterKill);
  }, 300_000);

  it('on SQLite, killed between batches: the next command finds no row and no account', async () => {
    const lite = await openTestStore('sqlite');
    try {
      const p = new CqmsProcess(
        ['data', 'load', cleaned],
        { DATABASE_URL: lite.url, CQMS_TEST_LOAD_PAUSE: 'inserting' },
        { oneProcess: true },
      );
      try {
        await p.waitFor('[test] load phase: inserting', 120_000);
        p.signal('SIGKILL');
        expect((await p.exited).signal).toBe('SIGKILL');
      } finally {
        await p.kill();
      }
      await cqms(['db', 'migrate'], { DATABASE_URL: lite.url });
      const [[c]] = (await lite.store.sequelize.query(
        "SELECT (SELECT COUNT(*) FROM client_queries) q, (SELECT COUNT(*) FROM users WHERE role = 'client') u",
      )) as [{ q: number; u: number }[], unknown];
      expect({ queries: Number(c!.q), clients: Number(c!.u) }).toEqual({ queries: 0, clients: 0 });
    } finally {
      await lite.dispose();
    }
  }, 300_000);
});
