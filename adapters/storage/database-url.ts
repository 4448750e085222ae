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
    throw ValidationFailed.field('DATABASE_URL', `"${redact(url)}" is not a URL; use mysql://user:pass@host:port/db or sqlite:path`);
  }
  if (u.protocol !== 'mysql:' && u.protocol !== 'mariadb:') {
    throw ValidationFailed.field('DATABASE_URL', `unsupported scheme "${u.protocol}"; use mysql:// or sqlite:`);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw ValidationFailed.field('DATABASE_URL', 'the MySQL URL names no database (mysql://host:3306/cqms)');
  return {
    dialect: 'mysql',
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database,
  };
}

/** The URL with its password masked, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
