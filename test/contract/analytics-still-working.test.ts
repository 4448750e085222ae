import { SqlAnalyticsStore } from '../../adapters/storage/analytics/sql-analytics-store';
import { withoutStatementBound } from '../../adapters/storage/connect';
import { MYSQL } from '../../adapters/storage/analytics/sql-dialect';
import { StillWorking, StoreUnavailable } from '../../core/errors';
import { openTestStore, type TestStore } from '../support/test-stores';

/**
 * MySQL only (SQLite has no server to cap a statement): analytics that outlast their cap are stopped by the server
 * and answered "still working", never as an unreachable database. 200,000 rows take far more than the 1 ms cap.
 */
describe('team analytics that take too long (MySQL)', () => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await openTestStore('mysql');
    const db = ts.store.sequelize;
    await db.query(
      "INSERT INTO users (username, email, display_name, role, failed_logins, created_at) VALUES ('c', 'c@example.com', 'C', 'client', 0, 0)",
    );
    // A bulk insert: a long statement, not cut by the 5 s bound on a busy machine.
    await withoutStatementBound(db, () =>
      db.query(
        `INSERT INTO client_queries (client_id, category, heading, description, mobile_valid, status, platform, created_at, reopen_count, updated_at)
       SELECT (SELECT id FROM users WHERE username = 'c'), 'Bug Report', 'h', 'd', 0, 'Open', 'import', seq, 0, seq FROM seq_1_to_200000`,
      ),
    );
  }, 60_000);
  afterAll(() => ts?.dispose());

  const sla = {
    now: new Date(),
    default: { firstResponseMs: 3_600_000, resolutionMs: 86_400_000 },
    byCategory: new Map(),
  };

  it('says the database was still working, and answers in full under the usual cap', async () => {
    const capped = new SqlAnalyticsStore(ts.store.sequelize, MYSQL, 1);
    const e = await capped.aggregate({}, sla).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StillWorking);
    expect(e).not.toBeInstanceOf(StoreUnavailable);
    expect((e as Error).message).toMatch(
      /^The database was still working on these analytics after 0.001 s, so it was stopped; nothing is wrong with the desk\. Narrow them/,
    );

    const rows = await ts.store.analytics.aggregate({}, sla);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(200_000);
  }, 60_000);
});
