import { Op, UniqueConstraintError } from 'sequelize';
import type { IdempotencyRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toDate } from '../row-mapping';
import type { RepoContext } from './repo-context';

/** The primary key decides: of two processes claiming one key at once, exactly one insert succeeds. */
export function idempotencyRepo({ models: { IdempotencyKey }, transaction }: RepoContext): IdempotencyRepo {
  return {
    claim: (key, now) =>
      guarded(async () => {
        try {
          await IdempotencyKey.create({ key, createdAt: now.getTime() }, { transaction });
          return true;
        } catch (e) {
          if (e instanceof UniqueConstraintError) return false;
          throw e;
        }
      }),
    // One conditional UPDATE: the first taker moves created_at past staleBefore, so the others match no row.
    takeOver: (key, staleBefore, now) =>
      guarded(async () => {
        const [changed] = await IdempotencyKey.update(
          { createdAt: now.getTime() },
          { where: { key, createdAt: { [Op.lt]: staleBefore.getTime() } }, transaction },
        );
        return changed === 1;
      }),
    claimedAt: (key) =>
      guarded(async () => {
        const row = await IdempotencyKey.findOne({ where: { key }, attributes: ['createdAt'], transaction });
        return row ? toDate(row.createdAt) : null;
      }),
    seen: (key) => guarded(async () => (await IdempotencyKey.count({ where: { key }, transaction })) > 0),
    // Along idempotency_keys_created: a range of old keys, nothing else read.
    prune: (before) =>
      guarded(() => IdempotencyKey.destroy({ where: { createdAt: { [Op.lt]: before.getTime() } }, transaction })),
    release: (key, heldSince) =>
      guarded(async () => {
        await IdempotencyKey.destroy({
          where: { key, ...(heldSince ? { createdAt: heldSince.getTime() } : {}) },
          transaction,
        });
      }),
  };
}
