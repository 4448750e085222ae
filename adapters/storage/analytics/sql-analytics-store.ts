import type { Sequelize } from 'sequelize';
import type { QueryStatus } from '../../../core/domain/status';
import type {
  AggregateRow,
  AnalyticsScope,
  AnalyticsStore,
  ConversationRow,
  QuantilePick,
  RecordedBreachRow,
  SlaCutoffs,
  TrendRow,
} from '../../../core/ports/analytics-store';
import type { SlaClock } from '../../../core/sla/sla-alert';
import { ANALYTICS_CAP_MS, AnalyticsReader } from './analytics-reader';
import { quantilePicks } from './quantile-sql';
import { scopeSql, targetSql, type Binds } from './scope-sql';
import type { SqlDialect } from './sql-dialect';
import { WAITED_SQL, waitedSql } from './wait-sql';

const DAY_MS = 86_400_000;

/** Every figure is computed by the database; only a few grouped rows come back. */
export class SqlAnalyticsStore implements AnalyticsStore {
  private readonly reader: AnalyticsReader;
  private readonly dialect: SqlDialect;

  constructor(db: Sequelize, dialect: SqlDialect, capMs = ANALYTICS_CAP_MS) {
    this.reader = new AnalyticsReader(db, dialect, capMs);
    this.dialect = dialect;
  }

  /**
   * Extra conditions that cut the whole table into two assignee ranges, for two MySQL connections to scan at
   * once; [''] leaves a narrower scope whole (it has its own index), and SQLite has one connection.
   */
  private async assigneeRanges(scope: AnalyticsScope, binds: Binds): Promise<string[]> {
    const whole = Object.values(scope).every((v) => v === undefined);
    if (this.dialect.name === 'sqlite' || !whole) return [''];
    const [r] = await this.reader.select<Record<string, unknown>>(
      'SELECT MIN(assignee_id) AS lo, MAX(assignee_id) AS hi FROM client_queries',
      {},
    );
    if (!r || r.lo === null || Number(r.hi) <= Number(r.lo)) return [''];
    binds.assigneeMid = Math.floor((Number(r.lo) + Number(r.hi)) / 2);
    return [' AND (assignee_id IS NULL OR assignee_id <= :assigneeMid)', ' AND assignee_id > :assigneeMid'];
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
        this.reader.select<Record<string, unknown>>(
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
    const rows = await this.reader.select<Record<string, unknown>>(
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
   * The conversation's sums per assignee, on its own connection beside the aggregate's index scan. Its columns
   * change with every message, so they are kept out of the wide analytics indexes: a narrow one of their own
   * (queries_conversation, migration 014) holds all this reads, walked in assignee order.
   */
  async conversation(scope: AnalyticsScope, now: Date): Promise<ConversationRow[]> {
    const binds: Binds = {};
    const where = scopeSql(scope, binds);
    const sum = this.dialect.sum;
    const rows = await this.reader.select<Record<string, unknown>>(
      `SELECT assignee_id AS a, COUNT(*) AS n, ${sum('message_count')} AS m,
         COUNT(first_reply_ms) AS rn, ${sum('first_reply_ms')} AS rs,
         COUNT(CASE WHEN ${WAITED_SQL} THEN 1 END) AS wn, ${sum(waitedSql(now, binds))} AS ws
       FROM client_queries WHERE ${where}
       GROUP BY assignee_id`,
      binds,
    );
    return rows.map((r) => ({
      assigneeId: r.a === null ? null : Number(r.a),
      count: Number(r.n),
      messages: Number(r.m ?? 0),
      firstReplyCount: Number(r.rn),
      firstReplyMsSum: Number(r.rs ?? 0),
      waitedCount: Number(r.wn),
      waitedMsSum: Number(r.ws ?? 0),
    }));
  }

  /** The median and other percentiles, picked by the database (quantile-sql.ts). */
  quantiles(...ask: Parameters<AnalyticsStore['quantiles']>): Promise<QuantilePick[]> {
    return quantilePicks(this.reader, ...ask);
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
    const groups = await this.reader.select<Record<string, unknown>>(
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
