import type { QueueHolderRepo } from '../../../core/ports/queue-holders';
import { guarded } from '../db-errors';
import { toDate } from '../row-mapping';
import type { RepoContext } from './repo-context';

export function queueHolderRepo({ models: { QueueHolder }, transaction }: RepoContext): QueueHolderRepo {
  return {
    beat: (id, process, now) =>
      guarded(async () => {
        await QueueHolder.upsert({ id, process, seenAt: now.getTime() }, { transaction });
      }),
    list: () =>
      guarded(async () => {
        const rows = await QueueHolder.findAll({ raw: true, transaction });
        return rows.map((r) => ({ id: r.id, process: r.process, seenAt: toDate(r.seenAt) }));
      }),
    remove: (id) =>
      guarded(async () => {
        await QueueHolder.destroy({ where: { id }, transaction });
      }),
  };
}
