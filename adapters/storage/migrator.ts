import { QueryTypes, type Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { MIGRATIONS } from '../../migrations';

const MIGRATIONS_TABLE = 'schema_migrations';

export function migrator(sequelize: Sequelize) {
  return new Umzug({
    migrations: MIGRATIONS.map((m) => ({ name: m.name, up: m.up, down: m.down })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: MIGRATIONS_TABLE }),
    logger: undefined,
  });
}

/** How long a process waits for another one's migrations before giving up. */
const MIGRATION_LOCK_WAIT_S = 300;

/**
 * Applies pending migrations; returns the names applied. On MySQL, processes starting together (two bots and a
 * worker on an empty database) take turns under a named lock for this database, so each migration runs once.
 */
export async function migrate(sequelize: Sequelize): Promise<string[]> {
  const up = async () => (await migrator(sequelize).up()).map((m) => m.name);
  if (sequelize.getDialect() !== 'mysql') return up();
  // The lock belongs to one connection: a transaction pins it while the migrations use others from the pool.
  return sequelize.transaction(async (transaction) => {
    const lockName = "CONCAT('cqms_migrate:', DATABASE())";
    const [row] = await sequelize.query<{ got: number | null }>(
      `SELECT GET_LOCK(${lockName}, ${MIGRATION_LOCK_WAIT_S}) AS got`,
      { transaction, type: QueryTypes.SELECT },
    );
    if (row?.got !== 1)
      throw new Error(`another process has been migrating this database for over ${MIGRATION_LOCK_WAIT_S} s`);
    try {
      return await up();
    } finally {
      await sequelize.query(`SELECT RELEASE_LOCK(${lockName})`, { transaction });
    }
  });
}

/**
 * How far the schema is, read without writing (umzug's own `pending()` creates its table first): the number of
 * migrations applied, and the names of this version's migrations not applied yet.
 */
export async function migrationState(sequelize: Sequelize): Promise<{ applied: number; pending: string[] }> {
  if (!(await sequelize.getQueryInterface().tableExists(MIGRATIONS_TABLE)))
    return { applied: 0, pending: MIGRATIONS.map((m) => m.name) };
  const rows = await sequelize.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`, {
    type: QueryTypes.SELECT,
  });
  const done = new Set(rows.map((r) => r.name));
  return { applied: done.size, pending: MIGRATIONS.map((m) => m.name).filter((n) => !done.has(n)) };
}
