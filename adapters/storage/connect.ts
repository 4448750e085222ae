import { mkdirSync } from 'node:fs';
import type { Socket } from 'node:net';
import { dirname } from 'node:path';
import { Sequelize } from 'sequelize';
import type { DatabaseTarget } from './database-url';

export interface ConnectOptions {
  /** Connections in the MySQL pool. */
  poolMax?: number;
}

/**
 * How long MySQL may take to greet a new connection. A server or network that accepts the TCP connection and
 * then says nothing (a partition, a dropped firewall rule) would otherwise hold the command until the OS gives
 * up (minutes); local or same-region servers greet in milliseconds.
 */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * How long a statement in flight may go without a byte from the server before its connection counts as lost.
 * mysql2 has no such bound of its own that also frees the connection (its per-query `timeout` leaves the
 * command queued on it, and Sequelize passes none), so a silent network kept a command, its pooled connection
 * and, on stop, the process waiting for ever. The desk's heaviest statements (the analytics aggregates, one
 * export page) take well under a second on its data; a row lock held by another command is released in
 * milliseconds. The same bound as a new connection's, so a user waits about as long whichever way the network fails.
 */
export const STATEMENT_SILENCE_MS = 5_000;

/**
 * Bounds every statement sent on a mysql2 connection by STATEMENT_SILENCE_MS of silence: the socket is
 * destroyed with ETIMEDOUT, which mysql2 reports to the statements waiting on it as a fatal error (translated
 * to StoreUnavailable) and the pool discards the connection. An idle connection in the pool is left alone.
 */
export function endSilentStatements(connection: unknown, ms = STATEMENT_SILENCE_MS): void {
  const c = connection as { stream?: Socket; _command?: unknown };
  const stream = c.stream;
  if (!stream || typeof stream.setTimeout !== 'function') return;
  stream.on('timeout', () => {
    // Idle in the pool: arm the timer again (Node does not re-arm a fired one on the next write).
    if (c._command === undefined) return void stream.setTimeout(ms);
    stream.destroy(Object.assign(new Error(`the database sent nothing for ${ms} ms`), { code: 'ETIMEDOUT' }));
  });
  stream.setTimeout(ms);
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
    dialectOptions: { flags: 'FOUND_ROWS', decimalNumbers: true, supportBigNumbers: true, bigNumberStrings: false, connectTimeout: CONNECT_TIMEOUT_MS },
    // acquire: a command waiting for a free connection (all busy, or each new one timing out) gives up after
    // two connect timeouts with StoreUnavailable instead of queueing behind the outage.
    pool: { max: opts.poolMax ?? 10, min: 0, acquire: 2 * CONNECT_TIMEOUT_MS, idle: 10_000 },
    hooks: { afterConnect: (connection) => endSilentStatements(connection) },
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
