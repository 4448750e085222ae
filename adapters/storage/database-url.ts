import { ValidationFailed } from '../../core/errors';

export type DatabaseTarget =
  | { dialect: 'mysql'; host: string; port: number; user: string; password: string; database: string }
  | { dialect: 'sqlite'; file: string };

export const DEFAULT_DATABASE_URL = 'sqlite:data/cqms.db';

/** `mysql://user:pass@host:port/db` or `sqlite:path/to/file.db` (`sqlite::memory:` for a throwaway store). */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw ValidationFailed.field('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:data/cqms.db');
    return { dialect: 'sqlite', file };
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw ValidationFailed.field(
      'DATABASE_URL',
      `"${redact(url)}" is not a URL; use mysql://user:pass@host:port/db or sqlite:path`,
    );
  }
  if (u.protocol !== 'mysql:' && u.protocol !== 'mariadb:') {
    throw ValidationFailed.field('DATABASE_URL', `unsupported scheme "${u.protocol}"; use mysql:// or sqlite:`);
  }
  if (!u.hostname)
    throw ValidationFailed.field('DATABASE_URL', 'the MySQL URL names no host (mysql://user:pass@host:3306/cqms)');
  const database = decoded(u.pathname.replace(/^\//, ''), 'database name');
  if (!database)
    throw ValidationFailed.field('DATABASE_URL', 'the MySQL URL names no database (mysql://host:3306/cqms)');
  return {
    dialect: 'mysql',
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decoded(u.username || 'root', 'user name'),
    password: decoded(u.password, 'password'),
    database,
  };
}

/** A part of the URL, percent-decoded: a stray % (a password written as typed) is named, not a URIError. */
function decoded(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw ValidationFailed.field(
      'DATABASE_URL',
      `the ${what} is not percent-encoded correctly (write % as %25, @ as %40, / as %2F)`,
    );
  }
}

/** The URL with its password masked, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
