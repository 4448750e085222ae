import type { QueueHolderRepo } from '../../../core/ports/queue-holders';
import { guarded } from '../db-errors';
import type { DbRow } from '../row-mapping';
import type { RepoContext } from './repo-context';

export function queueHolderRepo({ models: { QueueHolder }, transaction }: RepoContext): QueueHolderRepo {
  return {
    beat: (id, process, now) =>
      guarded(async () => {
        await QueueHolder.upsert({ id, process, seenAt: now.getTime() }, { transaction });
      }),
    list: () =>
      guarded(async () => {
        const rows = (await QueueHolder.findAll({ raw: true, transaction })) as unknown as DbRow[];
        return rows.map((r) => ({ id: String(r.id), process: String(r.process), seenAt: new Date(Number(r.seenAt)) }));
      }),
    remove: (id) =>
      guarded(async () => {
        await QueueHolder.destroy({ where: { id }, transaction });
      }),
  };
}
