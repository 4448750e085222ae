import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Sequelize } from 'sequelize';
import type { DatabaseTarget } from './database-url';

export interface ConnectOptions {
  /** Connections in the MySQL pool. */
  poolMax?: number;
}

export async function connect(target: DatabaseTarget, opts: ConnectOptions = {}): Promise<Sequelize> {
  if (target.dialect === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const sequelize = new Sequelize({ dialect: 'sqlite', storage: target.file, logging: false });
    // WAL lets readers run beside the writer; busy_timeout waits instead of failing under a second process.
    for (const pragma of ['journal_mode = WAL', 'busy_timeout = 5000', 'foreign_keys = ON', 'synchronous = NORMAL']) {
      await sequelize.query(`PRAGMA ${pragma}`);
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
    dialectOptions: { flags: 'FOUND_ROWS', decimalNumbers: true, supportBigNumbers: true, bigNumberStrings: false, connectTimeout: 5000 },
    pool: { max: opts.poolMax ?? 10, min: 0, acquire: 10_000, idle: 10_000 },
  });
  await sequelize.authenticate();
  return sequelize;
}

/** Creates the MySQL database when missing, so `cqms db migrate` works on an empty server. */
export async function ensureMysqlDatabase(target: Extract<DatabaseTarget, { dialect: 'mysql' }>): Promise<void> {
  const admin = new Sequelize('', target.user, target.password, { dialect: 'mysql', host: target.host, port: target.port, logging: false });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${target.database.replace(/`/g, '``')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.close();
  }
}
