import type { DatabaseTarget } from './database-url';

/** Why a process could not open its database; each has its own message, written for the operator at the shell. */
export type DatabaseStartReason = 'access-denied' | 'no-database' | 'not-migrated' | 'unreachable' | 'cannot-open';

/**
 * The database could not be opened at start: a configuration or set-up problem the operator fixes, not an outage
 * a user retries through (that is StoreUnavailable, once the desk runs). The message says what and what to do.
 */
export class DatabaseStartError extends Error {
  constructor(
    readonly reason: DatabaseStartReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

type MysqlTarget = Extract<DatabaseTarget, { dialect: 'mysql' }>;

const where = (t: MysqlTarget) => `MySQL at ${t.host}:${t.port}`;
const quoted = (name: string) => `"${name}"`;

/** The driver's error code and text, from a Sequelize error (`parent`) or mysql2's and sqlite3's own. */
function driverError(e: unknown): { code?: string; message: string } {
  const parent =
    (e as { parent?: { code?: unknown; message?: unknown } })?.parent ?? (e as { code?: unknown; message?: unknown });
  const code = typeof parent?.code === 'string' ? parent.code : undefined;
  const message = typeof parent?.message === 'string' ? parent.message : String(e);
  return { ...(code ? { code } : {}), message };
}

/**
 * What a failed MySQL connection at start means: a cause named with its fix where it is known, else the driver's
 * words; never the outage text for users ("nothing was saved"), which says nothing here. The server's own "Access denied for user ..." line is kept: it names the user and the
 * host the server saw, which is what a GRANT must match.
 */
export function mysqlStartError(e: unknown, t: MysqlTarget): DatabaseStartError {
  const { code, message } = driverError(e);
  const opt = { cause: e };
  switch (code) {
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
      return new DatabaseStartError(
        'access-denied',
        `${where(t)}: ${message.replace(/\.$/, '')}. Check the user and password in DATABASE_URL (percent-encode @, / and % in them), and that this user is granted access to the database ${quoted(t.database)} from this host.`,
        opt,
      );
    case 'ER_BAD_DB_ERROR':
      return new DatabaseStartError(
        'no-database',
        `${where(t)} has no database ${quoted(t.database)}: \`cqms db migrate\` creates it (or correct the name in DATABASE_URL).`,
        opt,
      );
    case 'ECONNREFUSED':
      return new DatabaseStartError(
        'unreachable',
        `Cannot reach ${where(t)}: the connection was refused. Check that the server is running and the host and port in DATABASE_URL.`,
        opt,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DatabaseStartError(
        'unreachable',
        `Cannot reach MySQL: the host ${quoted(t.host)} in DATABASE_URL could not be resolved (${code}). Check the host name and DNS.`,
        opt,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new DatabaseStartError(
        'unreachable',
        `Cannot reach ${where(t)}: ${code === 'ETIMEDOUT' ? 'it did not answer in time' : 'no route to the host'} (${code}). Check the host and port in DATABASE_URL and any firewall between.`,
        opt,
      );
    default:
      return new DatabaseStartError(
        'unreachable',
        `Cannot connect to ${where(t)}: ${message}${code ? ` (${code})` : ''}. Check DATABASE_URL and the server.`,
        opt,
      );
  }
}

/** What a failed SQLite open means: a path that cannot be opened, a file that is not a database. */
export function sqliteStartError(e: unknown, file: string): DatabaseStartError {
  const { code } = driverError(e);
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_READONLY') {
    return new DatabaseStartError(
      'cannot-open',
      `Cannot open the SQLite file ${file} (${code}): check the path in DATABASE_URL and that this user may read and write it and its directory.`,
      { cause: e },
    );
  }
  if (code === 'SQLITE_NOTADB')
    return new DatabaseStartError(
      'cannot-open',
      `${file} is not an SQLite database (${code}): check the path in DATABASE_URL.`,
      { cause: e },
    );
  return new DatabaseStartError(
    'cannot-open',
    `Cannot open the SQLite file ${file}: ${driverError(e).message}. Check the path in DATABASE_URL.`,
    { cause: e },
  );
}

/** A store this command will not migrate, opened before `cqms db migrate` ran on it (or since an upgrade). */
export function notMigrated(where: string, pending: readonly string[], applied: number): DatabaseStartError {
  const what =
    applied === 0
      ? `${where} has no CQMS tables yet`
      : `${where} is behind this version of cqms (${pending.length} migration(s) pending: ${pending.join(', ')})`;
  return new DatabaseStartError('not-migrated', `${what}: run \`cqms db migrate\` first.`);
}

/** An SQLite file that is not there, for a command that does not create stores. */
export function noSqliteFile(file: string): DatabaseStartError {
  return new DatabaseStartError(
    'no-database',
    `There is no SQLite database at ${file}: \`cqms db migrate\` creates it (or correct the path in DATABASE_URL).`,
  );
}
