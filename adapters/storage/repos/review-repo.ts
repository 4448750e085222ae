import { UniqueConstraintError, type InferAttributes } from 'sequelize';
import type { ReviewRecord } from '../../../core/domain/review';
import type { ReviewRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toDate } from '../row-mapping';
import type { ReviewRow } from '../tables';
import type { RepoContext } from './repo-context';

const toReview = (r: InferAttributes<ReviewRow>): ReviewRecord => ({
  id: r.id,
  queryId: r.queryId,
  clientId: r.clientId,
  rating: r.rating,
  comment: r.comment,
  createdAt: toDate(r.createdAt),
});

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
        return r ? toReview(r) : null;
      }),
  };
}
