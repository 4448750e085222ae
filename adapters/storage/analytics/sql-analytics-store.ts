import { QueryTypes, Transaction, type Sequelize } from 'sequelize';
import type { QueryStatus } from '../../../core/domain/status';
import type {
  AggregateRow,
  AnalyticsScope,
  AnalyticsStore,
  DurationMetric,
  QuantilePick,
  RecordedBreachRow,
  SlaCutoffs,
  TrendRow,
} from '../../../core/ports/analytics-store';
import type { SlaClock } from '../../../core/sla/sla-alert';
import { StillWorking } from '../../../core/errors';
import { guarded } from '../db-errors';
import { capRead, isStatementCapped, longStatement } from '../statement-bound';
import { scopeSql, targetSql, type Binds } from './scope-sql';
import type { SqlDialect } from './sql-dialect';

const DAY_MS = 86_400_000;
/**
 * How long one analytics statement may compute. Team analytics on 10M queries take under a minute here (see
 * bench/analytics-bench.ts); past this the server is busy for everyone, and the asker learns it was still working.
 */
export const ANALYTICS_CAP_MS = 300_000;
const WALKS_PER_STATEMENT = 50;
const METRIC_COLUMN: Record<DurationMetric, string> = {
  resolution: 'resolution_ms',
  firstResponse: 'first_response_ms',
};

/** Every figure is computed by the database; only a few grouped rows come back. */
export class SqlAnalyticsStore implements AnalyticsStore {
  constructor(
    private readonly db: Sequelize,
    private readonly dialect: SqlDialect,
    private readonly capMs = ANALYTICS_CAP_MS,
  ) {}

  /**
   * Analytics reads are long statements: a silence while the server computes is checked, not taken for an
   * outage, and the server stops one at capMs (ANALYTICS_CAP_MS) with a "still working" answer (statement-bound.ts).
   */
  private async select<T extends object>(sql: string, binds: Binds, transaction?: Transaction): Promise<T[]> {
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

  /**
   * Extra conditions that cut the whole table into two assignee ranges, for two MySQL connections to scan at
   * once; [''] leaves a narrower scope whole (it has its own index), and SQLite has one connection.
   */
  private async assigneeRanges(scope: AnalyticsScope, binds: Binds): Promise<string[]> {
    const whole = Object.values(scope).every((v) => v === undefined);
    if (this.dialect.name === 'sqlite' || !whole) return [''];
    const [r] = await this.select<Record<string, unknown>>(
      'SELECT MIN(assignee_id) AS lo, MAX(assignee_id) AS hi FROM client_queries',
      {},
    );
    if (!r || r.lo === null || Number(r.hi) <= Number(r.lo)) return [''];
    binds.assigneeMid = Math.floor((Number(r.lo) + Number(r.hi)) / 2);
    return [' AND (assignee_id IS NULL OR assignee_id <= :assigneeMid)', ' AND assignee_id > :assigneeMid'];
  }

  /** Runs reads that must agree with each other in one REPEATABLE READ transaction on MySQL. */
  private snapshot<T>(fn: (t: Transaction | undefined) => Promise<T>): Promise<T> {
    if (this.dialect.name !== 'mysql') return fn(undefined);
    return guarded(() =>
      this.db.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.REPEATABLE_READ }, (t) => fn(t)),
    );
  }

  /**
   * One scan of the rollup index (assignee, category, status, created, first response, resolution): grouped in
   * index order, no temporary table. Breaches are COUNTs, and the created-time tests compare the column with a
   * constant, so each row costs as little as the engine allows. A whole-team scope is cut in two ranges of
   * assignees, scanned at once on two connections: the groups do not overlap, and the quantiles that wait for
   * these counts start sooner.
   */
  async aggregate(scope: AnalyticsScope, sla: SlaCutoffs): Promise<AggregateRow[]> {
    const binds: Binds = { now: sla.now.getTime() };
    const where = scopeSql(scope, binds);
    const fr = targetSql(sla, 'firstResponseMs', binds);
    const res = targetSql(sla, 'resolutionMs', binds);
    const sum = this.dialect.sum;
    const parts = await this.assigneeRanges(scope, binds);
    const results = await Promise.all(
      parts.map((part) =>
        this.select<Record<string, unknown>>(
          `SELECT assignee_id AS a, category AS c, status AS s, COUNT(*) AS n,
             COUNT(resolution_ms) AS rn, ${sum('resolution_ms')} AS rs,
             COUNT(first_response_ms) AS fn, ${sum('first_response_ms')} AS fs,
             COUNT(CASE WHEN first_response_ms > ${fr}
                          OR (first_response_ms IS NULL AND status = 'Open' AND created_at < :now - ${fr}) THEN 1 END) AS fb,
             COUNT(CASE WHEN resolution_ms > ${res}
                          OR (status <> 'Closed' AND created_at < :now - ${res}) THEN 1 END) AS rb
           FROM client_queries WHERE ${where}${part}
           GROUP BY assignee_id, category, status`,
          binds,
        ),
      ),
    );
    const rows = results.flat();
    return rows.map((r) => ({
      assigneeId: r.a === null ? null : Number(r.a),
      category: String(r.c),
      status: r.s as QueryStatus,
      count: Number(r.n),
      resolutionCount: Number(r.rn),
      resolutionMsSum: Number(r.rs ?? 0),
      firstResponseCount: Number(r.fn),
      firstResponseMsSum: Number(r.fs ?? 0),
      firstResponseBreaches: Number(r.fb),
      resolutionBreaches: Number(r.rb),
    }));
  }

  /**
   * Breach alerts joined to their queries, read from indexes on the alerts side. A whole-table scope scans the
   * alerts' unique key (query_id, clock, level) and finds each query by primary key, so its cost follows the
   * number of alerts, not of queries; a date or category scope ranges over a queries index and probes that key
   * (EXPLAIN on MariaDB shows both; a (level, query_id) index made the date scope pick the slower plan). The
   * scope's columns all belong to client_queries.
   */
  async recordedBreaches(scope: AnalyticsScope): Promise<RecordedBreachRow[]> {
    const binds: Binds = {};
    const rows = await this.select<Record<string, unknown>>(
      `SELECT q.assignee_id AS a, s.clock AS k, COUNT(*) AS n
       FROM sla_alerts s JOIN client_queries q ON q.id = s.query_id
       WHERE s.level = 'breach' AND ${scopeSql(scope, binds)}
       GROUP BY q.assignee_id, s.clock`,
      binds,
    );
    return rows.map((r) => ({
      assigneeId: r.a === null ? null : Number(r.a),
      clock: r.k as SlaClock,
      count: Number(r.n),
    }));
  }

  /**
   * Where a sorted index holds exactly the scope's values (the whole table, or one assignee's resolutions),
   * reads only the ranks wanted: each rank, or pair of adjacent ranks, is one walk of that index from its
   * nearer end (ORDER BY ... LIMIT 2 OFFSET k), so nothing is sorted. Without `counts` the groups are counted
   * first, in the same snapshot on MySQL; with the caller's counts, a write landing between its aggregate and
   * these walks can shift a pick by a rank, which analytics of a live desk tolerate. Any other scope (a
   * date range, a category, a client) ranks its rows with window functions: walking an index while testing
   * each row's other columns would read the table row by row.
   */
  async quantiles(
    scope: AnalyticsScope,
    metric: DurationMetric,
    byAgent: boolean,
    percents: readonly number[],
    counts?: ReadonlyMap<number | null, number>,
  ): Promise<QuantilePick[]> {
    const binds: Binds = {};
    const col = METRIC_COLUMN[metric];
    const where = `${scopeSql(scope, binds)} AND ${col} IS NOT NULL${byAgent ? ' AND assignee_id IS NOT NULL' : ''}`;
    const narrowed =
      scope.from !== undefined ||
      scope.to !== undefined ||
      scope.category !== undefined ||
      scope.clientId !== undefined;
    // The walk indexes: (resolution_ms), (first_response_ms) and (assignee_id, resolution_ms).
    const perAssignee = byAgent || scope.agentId !== undefined;
    if (narrowed || (perAssignee && metric !== 'resolution'))
      return this.windowPicks(where, binds, col, byAgent, percents);
    const pick = async (known: ReadonlyMap<number | null, number>, transaction?: Transaction) => {
      const walks: { group: number | null; n: number; first: number; size: number; sql: string }[] = [];
      for (const [group, n] of known) {
        const groupSql = group === null ? '' : ` AND assignee_id = ${Math.trunc(group)}`;
        for (const [first, size] of rankRuns(n, percents)) {
          const fromTop = first - 1 > n - (first + size - 1);
          const offset = fromTop ? n - (first + size - 1) : first - 1;
          const sql = `SELECT ${walks.length} AS w, MIN(v) AS lo, MAX(v) AS hi FROM (
              SELECT ${col} AS v FROM client_queries WHERE ${where}${groupSql}
              ORDER BY ${col}${fromTop ? ' DESC' : ''} LIMIT ${size} OFFSET ${offset}) t${walks.length}`;
          walks.push({ group, n, first, size, sql });
        }
      }
      // A few dozen walks a statement: SQLite caps compound SELECTs at 500 terms, and MySQL runs the statements at once.
      const statements: string[] = [];
      for (let i = 0; i < walks.length; i += WALKS_PER_STATEMENT) {
        statements.push(
          walks
            .slice(i, i + WALKS_PER_STATEMENT)
            .map((w) => w.sql)
            .join(' UNION ALL '),
        );
      }
      const rows = (
        await Promise.all(statements.map((sql) => this.select<Record<string, unknown>>(sql, binds, transaction)))
      ).flat();
      return rows.flatMap((r) => {
        const w = walks[Number(r.w)];
        if (!w || r.lo === null) return [];
        const lo = { group: w.group, n: w.n, rank: w.first, valueMs: Number(r.lo) };
        return w.size === 2 ? [lo, { ...lo, rank: w.first + 1, valueMs: Number(r.hi) }] : [lo];
      });
    };
    if (counts) return pick(counts);
    return this.snapshot(async (transaction) => {
      const rows = await this.select<Record<string, unknown>>(
        `SELECT ${byAgent ? 'assignee_id' : 'NULL'} AS g, COUNT(*) AS n FROM client_queries WHERE ${where}${byAgent ? ' GROUP BY assignee_id' : ''}`,
        binds,
        transaction,
      );
      return pick(new Map(rows.map((r) => [r.g === null ? null : Number(r.g), Number(r.n)])), transaction);
    });
  }

  /** For each group, the rows at the wanted ranks, numbered by ROW_NUMBER over the scope sorted by value. */
  private async windowPicks(
    where: string,
    binds: Binds,
    col: string,
    byAgent: boolean,
    percents: readonly number[],
  ): Promise<QuantilePick[]> {
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
    return rows.map((r) => ({
      group: r.g === null ? null : Number(r.g),
      n: Number(r.n),
      rank: Number(r.rk),
      valueMs: Number(r.v),
    }));
  }

  /**
   * One scan for both series: rows grouped by (created day, closed day), folded here into opened per
   * created day and closed (with resolution sums) per closed day. A few thousand groups come back.
   */
  async trend(scope: AnalyticsScope): Promise<TrendRow[]> {
    const binds: Binds = {};
    const where = scopeSql(scope, binds);
    const b = (col: string) => this.dialect.intDiv(col, String(DAY_MS));
    // Closed per bucket counts rows closed before the scope's end (when it has one), whatever their status now.
    const closedBucket = scope.to ? `CASE WHEN closed_at < :to THEN ${b('closed_at')} END` : b('closed_at');
    const groups = await this.select<Record<string, unknown>>(
      `SELECT ${b('created_at')} AS o, ${closedBucket} AS c, COUNT(*) AS n, ${this.dialect.sum('resolution_ms')} AS s
       FROM client_queries WHERE ${where} GROUP BY 1, 2`,
      binds,
    );
    const rows = new Map<number, TrendRow>();
    const at = (k: number) => {
      let row = rows.get(k);
      if (!row) rows.set(k, (row = { bucketStart: new Date(k * DAY_MS), opened: 0, closed: 0, resolutionMsSum: 0 }));
      return row;
    };
    for (const g of groups) {
      const n = Number(g.n);
      at(Number(g.o)).opened += n;
      if (g.c === null) continue;
      const row = at(Number(g.c));
      row.closed += n;
      row.resolutionMsSum += Number(g.s ?? 0);
    }
    return [...rows.entries()].sort(([a], [c]) => a - c).map(([, r]) => r);
  }
}

/**
 * The ranks a group of n needs, 1 + floor(p(n-1)/100) and 1 + ceil(p(n-1)/100) for each percent p, as runs
 * [first rank, 1 or 2 ranks]: the two ranks of one percent are adjacent, so one walk reads both.
 */
function rankRuns(n: number, percents: readonly number[]): [number, number][] {
  const runs = new Map<number, number>();
  if (n === 0) return [];
  for (const p of percents) {
    const scaled = Math.round(p) * (n - 1);
    const first = 1 + Math.floor(scaled / 100);
    const size = scaled % 100 === 0 ? 1 : 2;
    runs.set(first, Math.max(runs.get(first) ?? 1, size));
  }
  return [...runs.entries()].sort(([a], [b]) => a - b);
}
