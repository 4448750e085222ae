/** The few spots where MySQL and SQLite spell the same integer arithmetic differently. */
export interface SqlDialect {
  name: 'mysql' | 'sqlite';
  /** Integer division of non-negative integers. */
  intDiv(a: string, b: string): string;
}

export const MYSQL: SqlDialect = { name: 'mysql', intDiv: (a, b) => `((${a}) DIV (${b}))` };
// SQLite divides integers as integers; CAST guards against a REAL sneaking in.
export const SQLITE: SqlDialect = { name: 'sqlite', intDiv: (a, b) => `(CAST(${a} AS INTEGER) / CAST(${b} AS INTEGER))` };
