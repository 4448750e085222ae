import { createReadStream } from 'node:fs';
import mysql from 'mysql2/promise';

/** A plain mysql2 connection to the bench server, outside the store: for settings and LOAD DATA. */
export function connection(baseUrl: string, database?: string): Promise<mysql.Connection> {
  const u = new URL(baseUrl);
  return mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    ...(database ? { database } : {}),
  });
}

export async function serverSettings(conn: mysql.Connection): Promise<Record<string, string>> {
  const [rows] = await conn.query(
    "SHOW VARIABLES WHERE Variable_name IN ('version', 'innodb_buffer_pool_size', 'innodb_flush_log_at_trx_commit', 'innodb_log_file_size')",
  );
  return Object.fromEntries(
    (rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, r.Value]),
  );
}

const INFILE = `FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\\n' IGNORE 1 LINES`;
const ISO = `'%Y-%m-%dT%H:%i:%s.%fZ'`;
const epochMs = (v: string) => `ROUND(UNIX_TIMESTAMP(STR_TO_DATE(${v}, ${ISO})) * 1000)`;

const PLAIN_TABLE = `CREATE TABLE plain_cleaned (
  query_id VARCHAR(64), client_email VARCHAR(254), email_valid VARCHAR(5), client_mobile VARCHAR(16), mobile_valid VARCHAR(5),
  query_heading VARCHAR(64), query_description TEXT, status VARCHAR(16), query_created_time VARCHAR(32),
  query_closed_time VARCHAR(32), resolution_hours VARCHAR(16)) CHARACTER SET utf8mb4`;

const intoClientQueries = (
  clientId: number,
) => `(external_ref, @email, @email_valid, @mobile, @mobile_valid, category, @description, @status, @created, @closed, @hours)
  SET client_id = ${clientId}, description = @description, heading = LEFT(SUBSTRING_INDEX(@description, '\\n', 1), 120),
      mobile = NULLIF(@mobile, ''), mobile_valid = (@mobile_valid = 'true'), status = @status, platform = 'import',
      created_at = ${epochMs('@created')}, updated_at = ${epochMs('@created')}, reopen_count = 0,
      closed_at = IF(@status = 'Closed', ${epochMs('@closed')}, NULL),
      resolution_ms = IF(@status = 'Closed', ${epochMs('@closed')} - ${epochMs('@created')}, NULL)`;

/**
 * MySQL's own bulk path for the same cleaned file, as someone would type it: into a plain table of text
 * columns (`plain`), or into the real client_queries of a freshly migrated, empty database, every index
 * and foreign key in place, all rows given to one client account (`schema`).
 */
export async function loadDataInfile(
  baseUrl: string,
  db: string,
  file: string,
  into: 'plain' | 'schema',
): Promise<number> {
  const conn = await connection(baseUrl, db);
  try {
    await conn.query("SET time_zone = '+00:00'");
    let target = 'plain_cleaned';
    let mapping = '';
    if (into === 'plain') await conn.query(PLAIN_TABLE);
    else {
      const [user] = await conn.query<mysql.ResultSetHeader>(
        "INSERT INTO users (username, email, display_name, role, failed_logins, created_at) VALUES ('bench_client', 'bench_client@example.com', 'Bench client', 'client', 0, 0)",
      );
      [target, mapping] = ['client_queries', intoClientQueries(user.insertId)];
    }
    const sql = `LOAD DATA LOCAL INFILE ? INTO TABLE ${target} CHARACTER SET utf8mb4 ${INFILE} ${mapping}`;
    const [res] = await conn.query({
      sql,
      values: [file],
      infileStreamFactory: (path: string) => createReadStream(path),
    });
    return (res as { affectedRows: number }).affectedRows;
  } finally {
    await conn.end();
  }
}
