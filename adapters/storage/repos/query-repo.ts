import { literal, Op, type CreationAttributes, type InferAttributes, type Utils, type WhereOptions } from 'sequelize';
import type { NewQueryRow, QueryFilter, QueryPatch, QueryRecord } from '../../../core/domain/query';
import type { QueryRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { msOrNull, toBool, toDate, toDateOrNull } from '../row-mapping';
import type { QueryRow } from '../tables';
import { BulkImport } from './bulk-import';
import { activeForSla } from './sla-alert-repo';
import type { RepoContext } from './repo-context';

type QueryColumns = InferAttributes<QueryRow>;

const toQuery = (r: QueryColumns): QueryRecord => ({
  id: r.id,
  externalRef: r.externalRef,
  clientId: r.clientId,
  category: r.category,
  heading: r.heading,
  description: r.description,
  mobile: r.mobile,
  mobileValid: toBool(r.mobileValid),
  status: r.status,
  assigneeId: r.assigneeId,
  platform: r.platform,
  createdAt: toDate(r.createdAt),
  claimedAt: toDateOrNull(r.claimedAt),
  closedAt: toDateOrNull(r.closedAt),
  resolutionNote: r.resolutionNote,
  resolutionMs: r.resolutionMs,
  firstResponseMs: r.firstResponseMs,
  reopenCount: r.reopenCount,
  updatedAt: toDate(r.updatedAt),
  waitingSince: toDateOrNull(r.waitingSince),
  waitedMs: r.waitedMs,
  messageCount: r.messageCount,
  firstReplyMs: r.firstReplyMs,
});

/** A new query's conversation columns, written as the database would default them (the row is returned as written). */
const NO_CONVERSATION = { waitingSince: null, waitedMs: 0, messageCount: 0, firstReplyMs: null };

const queryRowValues = (row: NewQueryRow, now: Date): CreationAttributes<QueryRow> => ({
  ...row,
  createdAt: row.createdAt.getTime(),
  claimedAt: msOrNull(row.claimedAt),
  closedAt: msOrNull(row.closedAt),
  updatedAt: now.getTime(),
  ...NO_CONVERSATION,
});

function queryWhere(f: QueryFilter): WhereOptions<QueryColumns> {
  const created = { ...(f.from ? { [Op.gte]: f.from.getTime() } : {}), ...(f.to ? { [Op.lt]: f.to.getTime() } : {}) };
  return {
    ...(f.clientId === undefined ? {} : { clientId: f.clientId }),
    ...(f.assigneeId === undefined ? {} : { assigneeId: f.assigneeId }),
    ...(f.status ? { status: { [Op.in]: f.status } } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.from || f.to ? { createdAt: created } : {}),
  };
}

type PatchValues = { [K in keyof QueryColumns]?: QueryColumns[K] | Utils.Literal };

const at = (d: Date) => Math.trunc(d.getTime());
/** The running wait up to `t` (none when not waiting, or when `t` is before it on a skewed clock). */
const runningWait = (t: number) =>
  `(CASE WHEN waiting_since IS NULL OR waiting_since > ${t} THEN 0 ELSE ${t} - waiting_since END)`;

/**
 * The pause of the resolution clock. MySQL evaluates an UPDATE's assignments left to right, each seeing the
 * values set before it, SQLite all on the row as it was: each column is set before any column it reads, so
 * both compute the same.
 */
function waitValues(patch: QueryPatch): PatchValues {
  const { resolvedAt, resumeAt, waitingSince } = patch;
  const end = resolvedAt ?? resumeAt;
  if (end !== undefined) {
    const t = at(end);
    return {
      ...(resolvedAt === undefined
        ? {}
        : { resolutionMs: literal(`${t} - created_at - waited_ms - ${runningWait(t)}`) }),
      waitedMs: literal(`waited_ms + ${runningWait(t)}`),
      waitingSince: null,
    };
  }
  return waitingSince === undefined ? {} : { waitingSince: literal(`COALESCE(waiting_since, ${at(waitingSince)})`) };
}

/** A patch as column values; a column may also be set by SQL. */
function patchValues(patch: QueryPatch, now: Date): PatchValues {
  const { firstResponseAt, firstReplyAt, claimedAt, closedAt, resolvedAt, resumeAt, waitingSince, ...rest } = patch;
  const { resolutionMs, ...others } = rest;
  return {
    ...waitValues(patch),
    ...(resolvedAt === undefined && resolutionMs !== undefined ? { resolutionMs } : {}),
    ...others,
    updatedAt: now.getTime(),
    ...(claimedAt === undefined ? {} : { claimedAt: msOrNull(claimedAt) }),
    ...(closedAt === undefined ? {} : { closedAt: msOrNull(closedAt) }),
    ...(firstResponseAt === undefined
      ? {}
      : { firstResponseMs: literal(`COALESCE(first_response_ms, ${at(firstResponseAt)} - created_at)`) }),
    ...(firstReplyAt === undefined
      ? {}
      : { firstReplyMs: literal(`COALESCE(first_reply_ms, ${at(firstReplyAt)} - created_at)`) }),
  };
}

export function queryRepo({ sequelize, models: { Query }, transaction }: RepoContext): QueryRepo {
  const one = async (where: WhereOptions<QueryColumns>) => {
    const r = await Query.findOne({ where, raw: true, transaction });
    return r ? toQuery(r) : null;
  };
  return {
    insert: (row) =>
      guarded(async () => {
        // updated_at starts at the creation time, on the caller's clock like every later change (it versions cards).
        const created = await Query.create(queryRowValues(row, row.createdAt), { transaction });
        return toQuery(created.get({ plain: true }));
      }),
    findById: (id) => guarded(() => one({ id })),
    findByExternalRef: (ref) => guarded(() => one({ externalRef: ref })),
    updateIf: (id, expect, patch, now) =>
      guarded(async () => {
        const where: WhereOptions<QueryColumns> = {
          id,
          status: { [Op.in]: [...expect.status] },
          ...(expect.assigneeId === undefined ? {} : { assigneeId: expect.assigneeId }),
        };
        const [affected] = await Query.update(patchValues(patch, now), { where, transaction });
        return affected === 1;
      }),
    existingRefs: (refs) => guarded(() => new BulkImport(sequelize, transaction).existingRefs(refs)),
    insertMany: (rows, now) => guarded(() => new BulkImport(sequelize, transaction).insertQueries(rows, now)),
    activeForSla: (page, bounds) => guarded(() => activeForSla(sequelize, transaction, page, bounds)),
    list: (filter, page) =>
      guarded(async () => {
        if (filter.status && filter.status.length === 0) return { rows: [], total: 0 };
        const where = queryWhere(filter);
        const [rows, total] = await Promise.all([
          Query.findAll({
            where,
            order: [
              ['createdAt', 'DESC'],
              ['id', 'DESC'],
            ],
            limit: page.limit,
            offset: page.offset,
            raw: true,
            transaction,
          }),
          Query.count({ where, transaction }),
        ]);
        return { rows: rows.map(toQuery), total };
      }),
  };
}
