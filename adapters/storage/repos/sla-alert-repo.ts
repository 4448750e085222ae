import { QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { QueryStatus } from '../../../core/domain/status';
import type { SlaAlertFilter, SlaAlertRepo } from '../../../core/ports/store';
import {
  SLA_ALERT_LEVELS,
  SLA_CLOCKS,
  type SlaAlertLevel,
  type SlaCandidate,
  type SlaClock,
  type SlaSweepBounds,
} from '../../../core/sla/sla-alert';
import { guarded } from '../db-errors';
import { toDate, toDateOrNull } from '../row-mapping';
import type { RepoContext } from './repo-context';

/** One bit per (clock, level), so a row carries the levels already recorded for its query. */
const KEYS = SLA_CLOCKS.flatMap((clock) => SLA_ALERT_LEVELS.map((level) => ({ clock, level })));
const bit = (clock: SlaClock, level: SlaAlertLevel) =>
  1 << KEYS.findIndex((k) => k.clock === clock && k.level === level);
const frRunning = "q.status = 'Open' AND q.first_response_ms IS NULL";
// The resolution clock stands still while staff wait on the client, and its levels come later by the time waited.
const resRunning = 'q.waiting_since IS NULL';
const resStart = '(q.created_at + q.waited_ms)';
/** The levels a row may have reached by its wall-clock age: what must be recorded for the row to be done. */
const reachable = `(CASE WHEN ${frRunning} AND q.created_at <= :frWarning THEN ${bit('firstResponse', 'warning')} ELSE 0 END
  + CASE WHEN ${frRunning} AND q.created_at <= :frBreach THEN ${bit('firstResponse', 'breach')} ELSE 0 END
  + CASE WHEN ${resRunning} AND ${resStart} <= :resWarning THEN ${bit('resolution', 'warning')} ELSE 0 END
  + CASE WHEN ${resRunning} AND ${resStart} <= :resBreach THEN ${bit('resolution', 'breach')} ELSE 0 END)`;

// Active rows past the loosest wall-clock bound whose reachable levels are not all marked: an index-only range
// scan of queries_sla_sweep.
const ACTIVE_SQL = `
SELECT q.id, q.category, q.status, q.assignee_id AS assigneeId, q.created_at AS createdAt, q.first_response_ms AS firstResponseMs,
  q.sla_alerted AS recorded, q.waiting_since AS waitingSince, q.waited_ms AS waitedMs
FROM client_queries q
WHERE q.status IN ('Open', 'In Progress') AND q.created_at <= :loosest AND q.id > :afterId
  AND (q.sla_alerted & ${reachable}) <> ${reachable}
ORDER BY q.id
LIMIT :limit`;

/** A row of ACTIVE_SQL. */
interface ActiveRow {
  id: number;
  category: string;
  status: QueryStatus;
  assigneeId: number | null;
  createdAt: number;
  firstResponseMs: number | null;
  recorded: number;
  waitingSince: number | null;
  waitedMs: number;
}

export async function activeForSla(
  sequelize: Sequelize,
  transaction: Transaction | null,
  page: { afterId: number; limit: number },
  b: SlaSweepBounds,
): Promise<SlaCandidate[]> {
  const bounds = {
    frWarning: b.firstResponse.warning,
    frBreach: b.firstResponse.breach,
    resWarning: b.resolution.warning,
    resBreach: b.resolution.breach,
  };
  const ms = Object.fromEntries(Object.entries(bounds).map(([k, d]) => [k, d.getTime()]));
  const rows = await sequelize.query<ActiveRow>(ACTIVE_SQL, {
    type: QueryTypes.SELECT,
    transaction,
    replacements: { ...ms, loosest: Math.max(...Object.values(ms)), afterId: page.afterId, limit: page.limit },
  });
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    status: r.status,
    assigneeId: r.assigneeId,
    createdAt: toDate(r.createdAt),
    firstResponseMs: r.firstResponseMs,
    recorded: KEYS.filter((_, i) => (r.recorded & (1 << i)) !== 0),
    waitingSince: toDateOrNull(r.waitingSince),
    waitedMs: r.waitedMs,
  }));
}

const FROM_ALERTS = 'FROM sla_alerts a JOIN client_queries q ON q.id = a.query_id';

/** A filter as the WHERE clause over FROM_ALERTS, and its replacements. */
function filterSql(f: SlaAlertFilter): { where: string; replacements: Record<string, string | number> } {
  const conditions: string[] = [];
  const replacements: Record<string, string | number> = {};
  const add = (sql: string, values: Record<string, string | number>) => {
    conditions.push(sql);
    Object.assign(replacements, values);
  };
  if (f.from) add('a.fired_at >= :from', { from: f.from.getTime() });
  if (f.to) add('a.fired_at < :to', { to: f.to.getTime() });
  if (f.level) add('a.level = :level', { level: f.level });
  if (f.category) add('q.category = :category', { category: f.category });
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', replacements };
}

interface AlertRow {
  queryId: number;
  clock: SlaClock;
  level: SlaAlertLevel;
  dueAt: number;
  firedAt: number;
  category: string;
}

interface CategoryCountRow {
  category: string;
  clock: SlaClock;
  level: SlaAlertLevel;
  n: number;
}

/** The unique key (query_id, clock, level) decides: of several workers recording one level, one insert succeeds. */
export function slaAlertRepo({ sequelize, models: { SlaAlert }, transaction }: RepoContext): SlaAlertRepo {
  return {
    record: (a) =>
      guarded(async () => {
        // Marked whoever records it, so the sweep stops reading the row for this level (and a lost mark heals).
        // The query row is locked first: in a caller's transaction, racing inserts would otherwise each hold the
        // foreign key's shared lock on it and deadlock on this update (MySQL).
        await sequelize.query('UPDATE client_queries SET sla_alerted = sla_alerted | :bit WHERE id = :id', {
          replacements: { bit: bit(a.clock, a.level), id: a.queryId },
          transaction,
        });
        try {
          await SlaAlert.create(
            {
              queryId: a.queryId,
              clock: a.clock,
              level: a.level,
              dueAt: a.dueAt.getTime(),
              firedAt: a.firedAt.getTime(),
            },
            { transaction },
          );
          return true;
        } catch (e) {
          if (!(e instanceof UniqueConstraintError)) throw e;
          return false;
        }
      }),
    list: (filter, page) =>
      guarded(async () => {
        const { where, replacements } = filterSql(filter);
        const rows = await sequelize.query<AlertRow>(
          `SELECT a.query_id AS queryId, a.clock, a.level, a.due_at AS dueAt, a.fired_at AS firedAt, q.category ${FROM_ALERTS} ${where}
          ORDER BY a.fired_at DESC, a.id DESC LIMIT :limit OFFSET :offset`,
          {
            type: QueryTypes.SELECT,
            transaction,
            replacements: { ...replacements, limit: page.limit, offset: page.offset },
          },
        );
        return rows.map((r) => ({
          queryId: r.queryId,
          clock: r.clock,
          level: r.level,
          dueAt: toDate(r.dueAt),
          firedAt: toDate(r.firedAt),
          category: r.category,
        }));
      }),
    countByCategory: (filter) =>
      guarded(async () => {
        const { where, replacements } = filterSql(filter);
        const rows = await sequelize.query<CategoryCountRow>(
          `SELECT q.category, a.clock, a.level, COUNT(a.id) AS n ${FROM_ALERTS} ${where}
          GROUP BY q.category, a.clock, a.level ORDER BY q.category, a.clock, a.level`,
          { type: QueryTypes.SELECT, transaction, replacements },
        );
        return rows.map((r) => ({ category: r.category, clock: r.clock, level: r.level, count: r.n }));
      }),
  };
}
