import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Sequelize } from 'sequelize';
import type { DatabaseTarget } from './database-url';
import { boundStatements, learnServer, STATEMENT_SILENCE_MS } from './statement-bound';
import { mysqlStartError, sqliteStartError } from './database-start-error';

export { STATEMENT_SILENCE_MS, withoutStatementBound } from './statement-bound';

export interface ConnectOptions {
  /** Connections in the MySQL pool. */
  poolMax?: number;
  /** The silence after which a MySQL statement in flight counts as lost (STATEMENT_SILENCE_MS by default). */
  statementSilenceMs?: number;
}

/**
 * How long MySQL may take to greet a new connection. A server or network that accepts the TCP connection and
 * then says nothing (a partition, a dropped firewall rule) would otherwise hold the command until the OS gives
 * up (minutes); local or same-region servers greet in milliseconds.
 */
export const CONNECT_TIMEOUT_MS = 5_000;

export async function connect(target: DatabaseTarget, opts: ConnectOptions = {}): Promise<Sequelize> {
  if (target.dialect === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const sequelize = new Sequelize({ dialect: 'sqlite', storage: target.file, logging: false });
    try {
      // WAL lets readers run beside the writer; busy_timeout waits instead of failing under a second process.
      for (const pragma of ['journal_mode = WAL', 'busy_timeout = 5000', 'foreign_keys = ON', 'synchronous = NORMAL']) {
        await sequelize.query(`PRAGMA ${pragma}`);
      }
    } catch (e) {
      await sequelize.close().catch(() => undefined);
      throw sqliteStartError(e, target.file);
    }
    return sequelize;
  }
  const sequelize = new Sequelize(target.database, target.user, target.password, {
    dialect: 'mysql',
    host: target.host,
    port: target.port,
    logging: false,
    timezone: '+00:00',
    // FOUND_ROWS: an UPDATE reports rows matched, as SQLite does, not only rows whose values changed.
    dialectOptions: {
      flags: 'FOUND_ROWS',
      decimalNumbers: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      connectTimeout: CONNECT_TIMEOUT_MS,
    },
    // acquire: a command waiting for a free connection (all busy, or each new one timing out) gives up after
    // two connect timeouts with StoreUnavailable instead of queueing behind the outage.
    pool: { max: opts.poolMax ?? 10, min: 0, acquire: 2 * CONNECT_TIMEOUT_MS, idle: 10_000 },
  });
  boundStatements(sequelize, opts.statementSilenceMs ?? STATEMENT_SILENCE_MS);
  try {
    await sequelize.authenticate();
  } catch (e) {
    await sequelize.close().catch(() => undefined);
    throw mysqlStartError(e, target);
  }
  await learnServer(sequelize);
  return sequelize;
}

/** Creates the MySQL database when missing, so `cqms db migrate` works on an empty server. */
export async function ensureMysqlDatabase(target: Extract<DatabaseTarget, { dialect: 'mysql' }>): Promise<void> {
  const admin = new Sequelize('', target.user, target.password, {
    dialect: 'mysql',
    host: target.host,
    port: target.port,
    logging: false,
  });
  try {
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`${target.database.replace(/`/g, '``')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } catch (e) {
    throw mysqlStartError(e, target);
  } finally {
    await admin.close();
  }
}
