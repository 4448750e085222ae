import { QueryTypes, type Sequelize } from 'sequelize';
import type { QueryStatus } from '../../../core/domain/status';
import type {
  AggregateRow,
  AnalyticsScope,
  AnalyticsStore,
  DurationMetric,
  QuantilePick,
  SlaCutoffs,
  TrendBucket,
  TrendRow,
} from '../../../core/ports/analytics-store';
import { guarded } from '../db-errors';
import { scopeSql, targetSql, type Binds } from './scope-sql';
import type { SqlDialect } from './sql-dialect';

const DAY_MS = 86_400_000;
const METRIC_COLUMN: Record<DurationMetric, string> = { resolution: 'resolution_ms', firstResponse: 'first_response_ms' };

/** Every figure is computed by the database; only a few grouped rows come back. */
export class SqlAnalyticsStore implements AnalyticsStore {
  constructor(
    private readonly db: Sequelize,
    private readonly dialect: SqlDialect,
  ) {}

  private select<T extends object>(sql: string, binds: Binds): Promise<T[]> {
    return guarded(() => this.db.query<T>(sql, { replacements: binds, type: QueryTypes.SELECT }) as Promise<T[]>);
  }

  async aggregate(scope: AnalyticsScope, sla: SlaCutoffs): Promise<AggregateRow[]> {
    const binds: Binds = { now: sla.now.getTime() };
    const where = scopeSql(scope, binds);
    const fr = targetSql(sla, 'firstResponseMs', binds);
    const res = targetSql(sla, 'resolutionMs', binds);
    const rows = await this.select<Record<string, unknown>>(
      `SELECT assignee_id AS a, category AS c, status AS s, COUNT(*) AS n,
         COUNT(resolution_ms) AS rn, COALESCE(SUM(resolution_ms), 0) AS rs,
         COUNT(first_response_ms) AS fn, COALESCE(SUM(first_response_ms), 0) AS fs,
         SUM(CASE WHEN first_response_ms > ${fr}
                    OR (first_response_ms IS NULL AND status = 'Open' AND :now - created_at > ${fr}) THEN 1 ELSE 0 END) AS fb,
         SUM(CASE WHEN resolution_ms > ${res}
                    OR (status <> 'Closed' AND :now - created_at > ${res}) THEN 1 ELSE 0 END) AS rb
       FROM client_queries WHERE ${where}
       GROUP BY assignee_id, category, status`,
      binds,
    );
    return rows.map((r) => ({
      assigneeId: r.a === null ? null : Number(r.a),
      category: String(r.c),
      status: r.s as QueryStatus,
      count: Number(r.n),
      resolutionCount: Number(r.rn),
      resolutionMsSum: Number(r.rs),
      firstResponseCount: Number(r.fn),
      firstResponseMsSum: Number(r.fs),
      firstResponseBreaches: Number(r.fb),
      resolutionBreaches: Number(r.rb),
    }));
  }

  async quantiles(scope: AnalyticsScope, metric: DurationMetric, byAgent: boolean, percents: readonly number[]): Promise<QuantilePick[]> {
    const binds: Binds = {};
    const col = METRIC_COLUMN[metric];
    const where = `${scopeSql(scope, binds)} AND ${col} IS NOT NULL${byAgent ? ' AND assignee_id IS NOT NULL' : ''}`;
    const partition = byAgent ? 'PARTITION BY assignee_id ' : '';
    const d = this.dialect;
    const ranks = percents.flatMap((p) => {
      const pi = Math.round(p);
      return [`1 + ${d.intDiv(`${pi} * (n - 1)`, '100')}`, `1 + ${d.intDiv(`${pi} * (n - 1) + 99`, '100')}`];
    });
    const rows = await this.select<Record<string, unknown>>(
      `SELECT g, n, rk, v FROM (
         SELECT ${byAgent ? 'assignee_id' : 'NULL'} AS g, ${col} AS v,
           ROW_NUMBER() OVER (${partition}ORDER BY ${col}) AS rk,
           COUNT(*) OVER (${partition.trim()}) AS n
         FROM client_queries WHERE ${where}
       ) t WHERE rk IN (${ranks.join(', ')})`,
      binds,
    );
    return rows.map((r) => ({ group: r.g === null ? null : Number(r.g), n: Number(r.n), rank: Number(r.rk), valueMs: Number(r.v) }));
  }

  async trend(scope: AnalyticsScope, bucket: TrendBucket): Promise<TrendRow[]> {
    const binds: Binds = {};
    const where = scopeSql(scope, binds);
    const b = (col: string) => {
      const day = this.dialect.intDiv(col, String(DAY_MS));
      // Epoch day 0 was a Thursday: shifting by 3 makes weeks start on Monday.
      return bucket === 'day' ? day : this.dialect.intDiv(`${day} + 3`, '7');
    };
    const [opened, closed] = await Promise.all([
      this.select<Record<string, unknown>>(`SELECT ${b('created_at')} AS b, COUNT(*) AS n FROM client_queries WHERE ${where} GROUP BY 1`, binds),
      this.select<Record<string, unknown>>(
        `SELECT ${b('closed_at')} AS b, COUNT(*) AS n, COALESCE(SUM(resolution_ms), 0) AS s
         FROM client_queries WHERE ${where} AND closed_at IS NOT NULL${scope.to ? ' AND closed_at < :to' : ''} GROUP BY 1`,
        binds,
      ),
    ]);
    const rows = new Map<number, TrendRow>();
    const at = (k: number) => {
      let row = rows.get(k);
      if (!row) {
        const startDay = bucket === 'day' ? k : k * 7 - 3;
        rows.set(k, (row = { bucketStart: new Date(startDay * DAY_MS), opened: 0, closed: 0, resolutionMsSum: 0 }));
      }
      return row;
    };
    for (const r of opened) at(Number(r.b)).opened = Number(r.n);
    for (const r of closed) {
      const row = at(Number(r.b));
      row.closed = Number(r.n);
      row.resolutionMsSum = Number(r.s);
    }
    return [...rows.entries()].sort(([a], [c]) => a - c).map(([, r]) => r);
  }
}
