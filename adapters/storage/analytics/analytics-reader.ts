import { QueryTypes, Transaction, type Sequelize } from 'sequelize';
import { StillWorking } from '../../../core/errors';
import { guarded } from '../db-errors';
import { capRead, isStatementCapped, longStatement } from '../statement-bound';
import type { Binds } from './scope-sql';
import type { SqlDialect } from './sql-dialect';

/**
 * How long one analytics statement may compute. Team analytics on 10M queries take under a minute here (see
 * bench/analytics-bench.ts); past this the server is busy for everyone, and the asker learns it was still working.
 */
export const ANALYTICS_CAP_MS = 300_000;

/** How every analytics statement runs: capped, its silences checked, and in one snapshot where reads must agree. */
export class AnalyticsReader {
  constructor(
    private readonly db: Sequelize,
    readonly dialect: SqlDialect,
    private readonly capMs = ANALYTICS_CAP_MS,
  ) {}

  /**
   * Analytics reads are long statements: a silence while the server computes is checked, not taken for an
   * outage, and the server stops one at capMs (ANALYTICS_CAP_MS) with a "still working" answer (statement-bound.ts).
   */
  async select<T extends object>(sql: string, binds: Binds, transaction?: Transaction): Promise<T[]> {
    const options = longStatement({ replacements: binds, type: QueryTypes.SELECT, transaction: transaction ?? null });
    try {
      return await guarded(() =>
        this.db.query<T>(capRead(this.db, sql, this.capMs), options as typeof options & { type: QueryTypes.SELECT }),
      );
    } catch (e) {
      if (isStatementCapped(e))
        throw new StillWorking(
          'these analytics',
          this.capMs / 1000,
          'Narrow them (a shorter date range, one category or one agent) and ask again.',
        );
      throw e;
    }
  }

  /** Runs reads that must agree with each other in one REPEATABLE READ transaction on MySQL. */
  snapshot<T>(fn: (t: Transaction | undefined) => Promise<T>): Promise<T> {
    if (this.dialect.name !== 'mysql') return fn(undefined);
    return guarded(() =>
      this.db.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.REPEATABLE_READ }, (t) => fn(t)),
    );
  }
}
