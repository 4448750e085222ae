import { mkdirSync } from 'node:fs';
import type { Socket } from 'node:net';
import { dirname } from 'node:path';
import { Sequelize } from 'sequelize';
import type { DatabaseTarget } from './database-url';
import { mysqlStartError, sqliteStartError } from './database-start-error';

export interface ConnectOptions {
  /** Connections in the MySQL pool. */
  poolMax?: number;
  /** The silence after which a MySQL statement in flight counts as lost (STATEMENT_SILENCE_MS by default). */
  statementSilenceMs?: number;
}

/** Whether a connection's statements are bounded now: withoutStatementBound lifts it for one piece of work. */
interface StatementBound {
  on: boolean;
}
const bounds = new WeakMap<Sequelize, StatementBound>();

/**
 * Runs `work` with no bound on statement silence: migrations (an index built on a large table, or waiting for
 * another process's migration lock, says nothing for as long as it takes). The desk serves no command
 * meanwhile, so a silent network during it only delays the start.
 */
export async function withoutStatementBound<T>(sequelize: Sequelize, work: () => Promise<T>): Promise<T> {
  const bound = bounds.get(sequelize);
  if (!bound) return work();
  bound.on = false;
  try {
    return await work();
  } finally {
    bound.on = true;
  }
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

/** What the silence timer of one connection needs to know. */
interface SilenceWatch {
  ms: number;
  /** When the bounded statement in flight on this connection was sent; undefined when none is (idle in the pool, or unbounded). */
  sentAt(): number | undefined;
}

/**
 * Bounds every statement sent on a mysql2 connection by `ms` of silence: the socket is destroyed with
 * ETIMEDOUT, which mysql2 reports to the statements waiting on it as a fatal error (translated to
 * StoreUnavailable) and the pool discards the connection. The socket's idle timer finds the silence; the time
 * the statement was sent decides, because an idle connection's timer can fall due in the very tick a new
 * statement is written on it (that statement has waited for nothing yet).
 */
export function endSilentStatements(connection: unknown, w: SilenceWatch): void {
  const stream = (connection as { stream?: Socket }).stream;
  if (!stream || typeof stream.setTimeout !== 'function') return;
  stream.on('timeout', () => {
    const sent = w.sentAt();
    const waited = sent === undefined ? 0 : Date.now() - sent;
    // Nothing bounded in flight, or not for long: wait again (Node does not re-arm a fired idle timer by itself).
    if (waited < w.ms) return void stream.setTimeout(w.ms - waited);
    stream.destroy(Object.assign(new Error(`the database sent nothing for ${w.ms} ms`), { code: 'ETIMEDOUT' }));
  });
  stream.setTimeout(w.ms);
}

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
  const silenceMs = opts.statementSilenceMs ?? STATEMENT_SILENCE_MS;
  const bound: StatementBound = { on: true };
  const sentAt = new WeakMap<object, number>();
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
    hooks: { afterConnect: (connection) => endSilentStatements(connection, { ms: silenceMs, sentAt: () => sentAt.get(connection as object) }) },
  });
  bounds.set(sequelize, bound);
  // Every statement (transactions' BEGIN and COMMIT too) goes through sequelize.query, which runs these. One sent
  // while the bound is lifted is not recorded, so nothing cuts it.
  sequelize.addHook('beforeQuery', (_options, query) => void (bound.on && sentAt.set(queryConnection(query), Date.now())));
  sequelize.addHook('afterQuery', (_options, query) => void sentAt.delete(queryConnection(query)));
  try {
    await sequelize.authenticate();
  } catch (e) {
    await sequelize.close().catch(() => undefined);
    throw mysqlStartError(e, target);
  }
  return sequelize;
}

const queryConnection = (query: unknown) => (query as { connection: object }).connection;

/** Creates the MySQL database when missing, so `cqms db migrate` works on an empty server. */
export async function ensureMysqlDatabase(target: Extract<DatabaseTarget, { dialect: 'mysql' }>): Promise<void> {
  const admin = new Sequelize('', target.user, target.password, { dialect: 'mysql', host: target.host, port: target.port, logging: false });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${target.database.replace(/`/g, '``')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } catch (e) {
    throw mysqlStartError(e, target);
  } finally {
    await admin.close();
  }
}
