import type { MessageRefRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import type { DbRow } from '../row-mapping';
import type { RepoContext } from './repo-context';

export function messageRefRepo({ models: { MessageRef }, transaction }: RepoContext): MessageRefRepo {
  return {
    find: (platform, channelId, queryId) =>
      guarded(async () => {
        const r = (await MessageRef.findOne({ where: { platform, channelId, queryId }, raw: true, transaction })) as unknown as DbRow | null;
        return r ? { platform, channelId, queryId, messageId: String(r.messageId) } : null;
      }),
    save: (ref, now) =>
      guarded(async () => {
        const where = { platform: ref.platform, channelId: ref.channelId, queryId: ref.queryId };
        const [n] = await MessageRef.update({ messageId: ref.messageId, updatedAt: now.getTime() }, { where, transaction });
        if (n === 0) await MessageRef.create({ ...where, messageId: ref.messageId, updatedAt: now.getTime() }, { transaction });
      }),
  };
}
