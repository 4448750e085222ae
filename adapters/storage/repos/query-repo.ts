import { Op, type WhereOptions } from 'sequelize';
import type { Platform } from '../../../core/domain/platform';
import type { NewQueryRow, QueryFilter, QueryPatch, QueryRecord } from '../../../core/domain/query';
import type { QueryStatus } from '../../../core/domain/status';
import type { QueryRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { msOrNull, toBool, toDate, toDateOrNull, toNumOrNull, toStrOrNull, type DbRow } from '../row-mapping';
import { BulkImport } from './bulk-import';
import { activeForSla } from './sla-alert-repo';
import type { RepoContext } from './repo-context';

export function toQuery(r: DbRow): QueryRecord {
  return {
    id: Number(r.id),
    externalRef: toStrOrNull(r.externalRef),
    clientId: Number(r.clientId),
    category: String(r.category),
    heading: String(r.heading),
    description: String(r.description),
    mobile: toStrOrNull(r.mobile),
    mobileValid: toBool(r.mobileValid),
    status: r.status as QueryStatus,
    assigneeId: toNumOrNull(r.assigneeId),
    platform: r.platform as Platform,
    createdAt: toDate(r.createdAt),
    claimedAt: toDateOrNull(r.claimedAt),
    closedAt: toDateOrNull(r.closedAt),
    resolutionNote: toStrOrNull(r.resolutionNote),
    resolutionMs: toNumOrNull(r.resolutionMs),
    firstResponseMs: toNumOrNull(r.firstResponseMs),
    reopenCount: Number(r.reopenCount),
    updatedAt: toDate(r.updatedAt),
  };
}

export function queryRowValues(row: NewQueryRow, now: Date): Record<string, unknown> {
  return {
    ...row,
    createdAt: row.createdAt.getTime(),
    claimedAt: msOrNull(row.claimedAt),
    closedAt: msOrNull(row.closedAt),
    updatedAt: now.getTime(),
  };
}

export function queryWhere(f: QueryFilter): WhereOptions {
  const where: Record<string | symbol, unknown> = {};
  if (f.clientId !== undefined) where.clientId = f.clientId;
  if (f.assigneeId !== undefined) where.assigneeId = f.assigneeId;
  if (f.status) where.status = { [Op.in]: f.status };
  if (f.category) where.category = f.category;
  const created: Record<symbol, number> = {};
  if (f.from) created[Op.gte] = f.from.getTime();
  if (f.to) created[Op.lt] = f.to.getTime();
  if (f.from || f.to) where.createdAt = created;
  return where;
}

function patchValues(patch: QueryPatch, now: Date, sequelizeLiteral: (sql: string) => unknown): Record<string, unknown> {
  const { firstResponseMsIfUnset, claimedAt, closedAt, ...rest } = patch;
  const v: Record<string, unknown> = { ...rest, updatedAt: now.getTime() };
  if (claimedAt !== undefined) v.claimedAt = msOrNull(claimedAt);
  if (closedAt !== undefined) v.closedAt = msOrNull(closedAt);
  if (firstResponseMsIfUnset !== undefined) {
    v.firstResponseMs = sequelizeLiteral(`COALESCE(first_response_ms, ${Math.trunc(firstResponseMsIfUnset)})`);
  }
  return v;
}

export function queryRepo({ models: { Query }, transaction }: RepoContext): QueryRepo {
  const one = async (where: WhereOptions) => {
    const r = await Query.findOne({ where, raw: true, transaction });
    return r ? toQuery(r as unknown as DbRow) : null;
  };
  return {
    insert: (row) =>
      guarded(async () => {
        // updated_at starts at the creation time, on the caller's clock like every later change (it versions cards).
        const created = await Query.create(queryRowValues(row, row.createdAt), { transaction });
        return toQuery(created.get({ plain: true }) as DbRow);
      }),
    findById: (id) => guarded(() => one({ id })),
    findByExternalRef: (ref) => guarded(() => one({ externalRef: ref })),
    updateIf: (id, expect, patch, now) =>
      guarded(async () => {
        const where: Record<string, unknown> = { id, status: { [Op.in]: [...expect.status] } };
        if (expect.assigneeId !== undefined) where.assigneeId = expect.assigneeId;
        const literal = (sql: string) => Query.sequelize!.literal(sql);
        const [affected] = await Query.update(patchValues(patch, now, literal), { where, transaction });
        return affected === 1;
      }),
    existingRefs: (refs) => guarded(() => new BulkImport(Query.sequelize!, transaction).existingRefs(refs)),
    insertMany: (rows, now) => guarded(() => new BulkImport(Query.sequelize!, transaction).insertQueries(rows, now)),
    activeForSla: (page, bounds) => guarded(() => activeForSla(Query.sequelize!, transaction, page, bounds)),
    list: (filter, page) =>
      guarded(async () => {
        if (filter.status && filter.status.length === 0) return { rows: [], total: 0 };
        const where = queryWhere(filter);
        const [rows, total] = await Promise.all([
          Query.findAll({ where, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: page.limit, offset: page.offset, raw: true, transaction }),
          Query.count({ where, transaction }),
        ]);
        return { rows: rows.map((r) => toQuery(r as unknown as DbRow)), total };
      }),
  };
}
