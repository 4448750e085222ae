import type { Transaction } from 'sequelize';
import type { AnalyticsScope, DurationMetric, QuantilePick } from '../../../core/ports/analytics-store';
import type { AnalyticsReader } from './analytics-reader';
import { scopeSql, type Binds } from './scope-sql';
import { WAITED_SQL, waitedSql } from './wait-sql';

const WALKS_PER_STATEMENT = 50;
const COLUMN: Record<Exclude<DurationMetric, 'waited'>, string> = {
  resolution: 'resolution_ms',
  firstResponse: 'first_response_ms',
  firstReply: 'first_reply_ms',
};
/** The metrics with a sorted index of their own, (resolution_ms), (first_response_ms), (first_reply_ms), to walk. */
const WALKED: ReadonlySet<DurationMetric> = new Set(['resolution', 'firstResponse', 'firstReply']);
/** The metrics with a sorted index per assignee: (assignee_id, resolution_ms), (assignee_id, first_reply_ms). */
const WALKED_PER_ASSIGNEE: ReadonlySet<DurationMetric> = new Set(['resolution', 'firstReply']);

/** A metric's value per row, and the rows that have one. */
function metricSql(metric: DurationMetric, now: Date, binds: Binds): { value: string; present: string } {
  if (metric === 'waited') return { value: waitedSql(now, binds), present: WAITED_SQL };
  return { value: COLUMN[metric], present: `${COLUMN[metric]} IS NOT NULL` };
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
export async function quantilePicks(
  reader: AnalyticsReader,
  scope: AnalyticsScope,
  metric: DurationMetric,
  byAgent: boolean,
  percents: readonly number[],
  now: Date,
  counts?: ReadonlyMap<number | null, number>,
): Promise<QuantilePick[]> {
  const binds: Binds = {};
  const { value: col, present } = metricSql(metric, now, binds);
  const where = `${scopeSql(scope, binds)} AND ${present}${byAgent ? ' AND assignee_id IS NOT NULL' : ''}`;
  const narrowed =
    scope.from !== undefined || scope.to !== undefined || scope.category !== undefined || scope.clientId !== undefined;
  // Waits have no walk index: their value counts a running wait up to `now`.
  const perAssignee = byAgent || scope.agentId !== undefined;
  if (narrowed || !WALKED.has(metric) || (perAssignee && !WALKED_PER_ASSIGNEE.has(metric)))
    return windowPicks(reader, where, binds, col, byAgent, percents);
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
      await Promise.all(statements.map((sql) => reader.select<Record<string, unknown>>(sql, binds, transaction)))
    ).flat();
    return rows.flatMap((r) => {
      const w = walks[Number(r.w)];
      if (!w || r.lo === null) return [];
      const lo = { group: w.group, n: w.n, rank: w.first, valueMs: Number(r.lo) };
      return w.size === 2 ? [lo, { ...lo, rank: w.first + 1, valueMs: Number(r.hi) }] : [lo];
    });
  };
  if (counts) return pick(counts);
  return reader.snapshot(async (transaction) => {
    const rows = await reader.select<Record<string, unknown>>(
      `SELECT ${byAgent ? 'assignee_id' : 'NULL'} AS g, COUNT(*) AS n FROM client_queries WHERE ${where}${byAgent ? ' GROUP BY assignee_id' : ''}`,
      binds,
      transaction,
    );
    return pick(new Map(rows.map((r) => [r.g === null ? null : Number(r.g), Number(r.n)])), transaction);
  });
}

/** For each group, the rows at the wanted ranks, numbered by ROW_NUMBER over the scope sorted by value. */
async function windowPicks(
  reader: AnalyticsReader,
  where: string,
  binds: Binds,
  value: string,
  byAgent: boolean,
  percents: readonly number[],
): Promise<QuantilePick[]> {
  const partition = byAgent ? 'PARTITION BY assignee_id ' : '';
  const d = reader.dialect;
  const ranks = percents.flatMap((p) => {
    const pi = Math.round(p);
    return [`1 + ${d.intDiv(`${pi} * (n - 1)`, '100')}`, `1 + ${d.intDiv(`${pi} * (n - 1) + 99`, '100')}`];
  });
  const rows = await reader.select<Record<string, unknown>>(
    `SELECT g, n, rk, v FROM (
         SELECT ${byAgent ? 'assignee_id' : 'NULL'} AS g, ${value} AS v,
           ROW_NUMBER() OVER (${partition}ORDER BY ${value}) AS rk,
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
