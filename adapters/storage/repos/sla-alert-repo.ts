import { Op, QueryTypes, UniqueConstraintError, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { QueryStatus } from '../../../core/domain/status';
import type { SlaAlertFilter, SlaAlertRepo } from '../../../core/ports/store';
import { SLA_ALERT_LEVELS, SLA_CLOCKS, type SlaAlertLevel, type SlaCandidate, type SlaClock, type SlaSweepBounds } from '../../../core/sla/sla-alert';
import { guarded } from '../db-errors';
import { toDate, toNumOrNull, type DbRow } from '../row-mapping';
import type { RepoContext } from './repo-context';

/** One bit per (clock, level), so a row carries the levels already recorded for its query. */
const KEYS = SLA_CLOCKS.flatMap((clock) => SLA_ALERT_LEVELS.map((level) => ({ clock, level })));
const bit = (clock: SlaClock, level: SlaAlertLevel) => 1 << KEYS.findIndex((k) => k.clock === clock && k.level === level);
const frRunning = "q.status = 'Open' AND q.first_response_ms IS NULL";
/** The levels a row may have reached by its wall-clock age: what must be recorded for the row to be done. */
const reachable = `(CASE WHEN ${frRunning} AND q.created_at <= :frWarning THEN ${bit('firstResponse', 'warning')} ELSE 0 END
  + CASE WHEN ${frRunning} AND q.created_at <= :frBreach THEN ${bit('firstResponse', 'breach')} ELSE 0 END
  + CASE WHEN q.created_at <= :resWarning THEN ${bit('resolution', 'warning')} ELSE 0 END
  + CASE WHEN q.created_at <= :resBreach THEN ${bit('resolution', 'breach')} ELSE 0 END)`;

// Active rows past the loosest wall-clock bound whose reachable levels are not all marked: an index-only range
// scan of queries_sla_sweep.
const ACTIVE_SQL = `
SELECT q.id, q.category, q.status, q.assignee_id AS assigneeId, q.created_at AS createdAt, q.first_response_ms AS firstResponseMs,
  q.sla_alerted AS recorded
FROM client_queries q
WHERE q.status IN ('Open', 'In Progress') AND q.created_at <= :loosest AND q.id > :afterId
  AND (q.sla_alerted & ${reachable}) <> ${reachable}
ORDER BY q.id
LIMIT :limit`;

export async function activeForSla(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
  page: { afterId: number; limit: number },
  b: SlaSweepBounds,
): Promise<SlaCandidate[]> {
  const bounds = { frWarning: b.firstResponse.warning, frBreach: b.firstResponse.breach, resWarning: b.resolution.warning, resBreach: b.resolution.breach };
  const ms = Object.fromEntries(Object.entries(bounds).map(([k, d]) => [k, d.getTime()]));
  const rows = await sequelize.query<DbRow>(ACTIVE_SQL, {
    type: QueryTypes.SELECT,
    transaction,
    replacements: { ...ms, loosest: Math.max(...Object.values(ms)), afterId: page.afterId, limit: page.limit },
  });
  return rows.map((r) => {
    const mask = Number(r.recorded);
    return {
      id: Number(r.id),
      category: String(r.category),
      status: r.status as QueryStatus,
      assigneeId: toNumOrNull(r.assigneeId),
      createdAt: toDate(r.createdAt),
      firstResponseMs: toNumOrNull(r.firstResponseMs),
      recorded: KEYS.filter((_, i) => (mask & (1 << i)) !== 0),
    };
  });
}

function whereOf(f: SlaAlertFilter): { where: WhereOptions; queryWhere: WhereOptions | undefined } {
  const fired: Record<symbol, number> = {};
  if (f.from) fired[Op.gte] = f.from.getTime();
  if (f.to) fired[Op.lt] = f.to.getTime();
  return {
    where: { ...(f.from || f.to ? { firedAt: fired } : {}), ...(f.level ? { level: f.level } : {}) },
    queryWhere: f.category ? { category: f.category } : undefined,
  };
}

/** The unique key (query_id, clock, level) decides: of several workers recording one level, one insert succeeds. */
export function slaAlertRepo({ models: { SlaAlert, Query }, transaction }: RepoContext): SlaAlertRepo {
  if (!SlaAlert.associations.query) SlaAlert.belongsTo(Query, { as: 'query', foreignKey: 'queryId' });
  return {
    record: (a) =>
      guarded(async () => {
        // Marked whoever records it, so the sweep stops reading the row for this level (and a lost mark heals).
        // The query row is locked first: in a caller's transaction, racing inserts would otherwise each hold the
        // foreign key's shared lock on it and deadlock on this update (MySQL).
        await Query.sequelize!.query('UPDATE client_queries SET sla_alerted = sla_alerted | :bit WHERE id = :id', {
          replacements: { bit: bit(a.clock, a.level), id: a.queryId },
          transaction,
        });
        try {
          await SlaAlert.create({ queryId: a.queryId, clock: a.clock, level: a.level, dueAt: a.dueAt.getTime(), firedAt: a.firedAt.getTime() }, { transaction });
          return true;
        } catch (e) {
          if (!(e instanceof UniqueConstraintError)) throw e;
          return false;
        }
      }),
    list: (filter, page) =>
      guarded(async () => {
        const { where, queryWhere } = whereOf(filter);
        const rows = await SlaAlert.findAll({
          where,
          include: [{ model: Query, as: 'query', attributes: ['category'], ...(queryWhere ? { where: queryWhere } : {}) }],
          order: [['firedAt', 'DESC'], ['id', 'DESC']],
          limit: page.limit,
          offset: page.offset,
          transaction,
        });
        return rows.map((row) => {
          const r = row.get({ plain: true }) as DbRow & { query: DbRow };
          return { queryId: Number(r.queryId), clock: r.clock as SlaClock, level: r.level as SlaAlertLevel, dueAt: toDate(r.dueAt), firedAt: toDate(r.firedAt), category: String(r.query.category) };
        });
      }),
    countByCategory: (filter) =>
      guarded(async () => {
        const { where, queryWhere } = whereOf(filter);
        const rows = (await SlaAlert.findAll({
          where,
          include: [{ model: Query, as: 'query', attributes: [], ...(queryWhere ? { where: queryWhere } : {}) }],
          attributes: [[Query.sequelize!.col('query.category'), 'category'], 'clock', 'level', [Query.sequelize!.fn('COUNT', Query.sequelize!.col('SlaAlert.id')), 'n']],
          group: ['query.category', 'clock', 'level'],
          order: [[Query.sequelize!.col('query.category'), 'ASC'], ['clock', 'ASC'], ['level', 'ASC']],
          raw: true,
          transaction,
        })) as unknown as DbRow[];
        return rows.map((r) => ({ category: String(r.category), clock: r.clock as SlaClock, level: r.level as SlaAlertLevel, count: Number(r.n) }));
      }),
  };
}
