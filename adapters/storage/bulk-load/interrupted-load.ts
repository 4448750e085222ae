import type { Connection, RowDataPacket } from 'mysql2/promise';
import { QueryTypes, type Sequelize } from 'sequelize';
import { Conflict } from '../../../core/errors';
import { openImportConnection } from './import-connection';
import { restoreStashedIndexes, STASH } from './secondary-indexes';

/**
 * Two named locks per database. `busy` is held on the connection that writes (one import at a time): the server
 * frees it only when that connection's thread ends, which for a killed client is after its statement in
 * progress has finished and its open transaction is rolled back. `alive` is held on a second connection of the
 * same process that stays idle, so the server frees it the moment that process dies: `busy` held without
 * `alive` is a killed load whose last statement is still running.
 */
function lockNames(database: string): { busy: string; alive: string } {
  return { busy: `cqms_import:${database}`.slice(0, 64), alive: `cqms_import_alive:${database}`.slice(0, 64) };
}

// A killed load's last statement (a chunk of inserts, its rollback, an index build on millions of rows) may run
// for minutes before the server frees its lock.
const WAIT_S = 3600;

async function getLock(conn: Connection, name: string, seconds: number): Promise<boolean> {
  const [[row]] = await conn.query<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS got', [name, seconds]);
  return Number(row?.got) === 1;
}

/** Runs `fn` as the database's one import: `conn` writes, `alive` only holds its lock while this process lives. */
export async function asTheImport<T>(
  conn: Connection,
  alive: Connection,
  database: string,
  fn: () => Promise<T>,
): Promise<T> {
  const names = lockNames(database);
  if (!(await getLock(conn, names.busy, WAIT_S))) {
    throw new Conflict('import', 'Another import into this database is still running; try again when it has finished.');
  }
  try {
    // Free once the previous holder's process is gone: its alive connection closes with it.
    if (!(await getLock(alive, names.alive, 30)))
      throw new Conflict('import', 'Another import into this database is still starting; try again in a moment.');
    try {
      return await fn();
    } finally {
      await alive.query('SELECT RELEASE_LOCK(?)', [names.alive]);
    }
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [names.busy]);
  }
}

/**
 * Run at every store open (`cqms` commands, bot and worker starts): a load killed after dropping indexes left
 * them in the stash. Its rows need nothing (they were one transaction, rolled back by the server unless
 * committed); its indexes are put back here, once its last statement has ended. A live load (its alive lock
 * held) is left alone: it puts them back itself. Costs one read of an empty table when nothing was interrupted.
 */
export async function finishInterruptedLoad(sequelize: Sequelize): Promise<string[]> {
  if (sequelize.getDialect() !== 'mysql') return [];
  let stashed: { n: number } | undefined;
  try {
    [stashed] = await sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${STASH}`, { type: QueryTypes.SELECT });
  } catch (e) {
    // Before migration 009 nothing can have been stashed.
    if ((e as { parent?: { errno?: number } }).parent?.errno === 1146) return [];
    throw e;
  }
  if (Number(stashed?.n) === 0) return [];
  const names = lockNames(sequelize.config.database);
  const [alive] = await sequelize.query<{ free: number }>('SELECT IS_FREE_LOCK(?) AS free', {
    replacements: [names.alive],
    type: QueryTypes.SELECT,
  });
  if (Number(alive?.free) !== 1) return [];
  const conn = await openImportConnection(sequelize);
  try {
    if (!(await getLock(conn, names.busy, WAIT_S))) {
      throw new Conflict(
        'import',
        'An interrupted import is still ending on the database; try again when it has finished.',
      );
    }
    try {
      return await restoreStashedIndexes(conn);
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [names.busy]);
    }
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}
