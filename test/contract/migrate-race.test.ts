import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { openStore } from '../../adapters/storage/sequelize-store';
import { MIGRATIONS } from '../../migrations';
import { dropMysqlDatabase, MYSQL_URL } from '../support/test-stores';

// Bots and workers started together on an empty database all migrate at start: they must take turns.
describe('processes migrating one empty MySQL database at once', () => {
  const db = `cqms_t_mig_${process.pid}_${randomBytes(3).toString('hex')}`;
  afterAll(() => dropMysqlDatabase(db));

  it('all start, and each migration is applied once', async () => {
    const opened = await Promise.allSettled(
      Array.from({ length: 4 }, () => openStore(`${MYSQL_URL}/${db}`, { migrate: true })),
    );
    const stores = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    try {
      expect(
        opened.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)),
      ).toEqual([]);
      const rows = await stores[0]!.sequelize.query<{ name: string }>(
        'SELECT name FROM schema_migrations ORDER BY name',
        { type: QueryTypes.SELECT },
      );
      expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
