/** The few spots where MySQL and SQLite spell the same arithmetic differently. */
export interface SqlDialect {
  name: 'mysql' | 'sqlite';
  /** Integer division of non-negative integers. */
  intDiv(a: string, b: string): string;
  /** SUM of a BIGINT column of milliseconds; NULL when every value is NULL. */
  sum(col: string): string;
}

export const MYSQL: SqlDialect = {
  name: 'mysql',
  intDiv: (a, b) => `((${a}) DIV (${b}))`,
  // MariaDB sums integers as DECIMAL, slowly; a double holds every integer sum below 2^53 ms (285,000 years) exactly.
  sum: (col) => `SUM(${col} * 1e0)`,
};
// SQLite divides integers as integers; CAST guards against a REAL sneaking in.
export const SQLITE: SqlDialect = {
  name: 'sqlite',
  intDiv: (a, b) => `(CAST(${a} AS INTEGER) / CAST(${b} AS INTEGER))`,
  sum: (col) => `SUM(${col})`,
};
