import { connect, withoutStatementBound } from '../../adapters/storage/connect';
import { parseDatabaseUrl } from '../../adapters/storage/database-url';
import { guarded } from '../../adapters/storage/db-errors';
import { capRead, isStatementCapped, longStatement } from '../../adapters/storage/statement-bound';
import { StoreUnavailable } from '../../core/errors';
import { TcpProxy } from '../support/tcp-proxy';
import { openTestStore, type TestStore } from '../support/test-stores';

/**
 * MySQL only: SQLite has no network to fall silent. SLEEP stands for a statement the server does not answer; 0.6 s
 * is three bounds of 0.2 s, so the unbounded statement ends as its connection's idle timer falls due.
 */
describe('the bound on a MySQL statement that gets no answer', () => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await openTestStore('mysql');
  });
  afterAll(() => ts?.dispose());

  it('ends a silent statement as StoreUnavailable, except while migrations run, and never a statement just sent', async () => {
    const sequelize = await connect(parseDatabaseUrl(ts.url), { statementSilenceMs: 200 });
    const silent = () => guarded(() => sequelize.query('SELECT SLEEP(0.6) AS s'));
    try {
      for (let round = 0; round < 3; round++) {
        await expect(silent()).rejects.toBeInstanceOf(StoreUnavailable);
        const [rows] = await withoutStatementBound(sequelize, () => sequelize.query('SELECT SLEEP(0.6) AS s'));
        expect(rows).toEqual([{ s: 0 }]);
        await expect(silent()).rejects.toBeInstanceOf(StoreUnavailable);
        // Sent on the connection that served the unbounded statement, whose idle timer falls due as the other is
        // cut: a bound judged by the socket's timer alone cut this one too.
        const [ok] = await sequelize.query('SELECT 1 AS one');
        expect(ok).toEqual([{ one: 1 }]);
      }
    } finally {
      await sequelize.close();
    }
  });

  it('lets a long statement compute past the bound, cuts it when the network falls silent, and lets the server cap a read', async () => {
    const proxy = await TcpProxy.inFrontOf(ts.url, 3306);
    const sequelize = await connect(parseDatabaseUrl(proxy.rewrite(ts.url)), { statementSilenceMs: 200 });
    const long = (sql: string) => guarded(() => sequelize.query(sql, longStatement({})));
    try {
      // Four bounds of silence while the server works: the probe finds the thread running and the bound starts again.
      const [rows] = await long('SELECT SLEEP(0.8) AS s');
      expect(rows).toEqual([{ s: 0 }]);

      const capped = await long(capRead(sequelize, 'SELECT SLEEP(2) AS s', 100)).catch((e: unknown) => e);
      expect(isStatementCapped(capped)).toBe(true);

      // The same long statement behind a silent network: the probe gets no answer either, so it is cut.
      const started = Date.now();
      const pending = long('SELECT SLEEP(3) AS s').catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 100));
      await proxy.blackhole();
      expect(await pending).toBeInstanceOf(StoreUnavailable);
      expect(Date.now() - started).toBeLessThan(2_900);
    } finally {
      await proxy.restore();
      await sequelize.close();
      await proxy.close();
    }
  });
});
