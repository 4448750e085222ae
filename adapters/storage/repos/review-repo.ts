import { UniqueConstraintError } from 'sequelize';
import type { ReviewRecord } from '../../../core/domain/review';
import type { ReviewRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toDate, toStrOrNull, type DbRow } from '../row-mapping';
import type { RepoContext } from './repo-context';

function toReview(r: DbRow): ReviewRecord {
  return {
    id: Number(r.id),
    queryId: Number(r.queryId),
    clientId: Number(r.clientId),
    rating: Number(r.rating),
    comment: toStrOrNull(r.comment),
    createdAt: toDate(r.createdAt),
  };
}

export function reviewRepo({ models: { Review }, transaction }: RepoContext): ReviewRepo {
  return {
    insertOnce: (row) =>
      guarded(async () => {
        // The unique index on query_id is the arbiter; a concurrent second rating loses here.
        const existing = await Review.findOne({ where: { queryId: row.queryId }, raw: true, transaction });
        if (existing) return false;
        try {
          await Review.create({ ...row, createdAt: row.createdAt.getTime() }, { transaction });
          return true;
        } catch (e) {
          if (e instanceof UniqueConstraintError) return false;
          throw e;
        }
      }),
    forQuery: (queryId) =>
      guarded(async () => {
        const r = await Review.findOne({ where: { queryId }, raw: true, transaction });
        return r ? toReview(r as unknown as DbRow) : null;
      }),
  };
}
