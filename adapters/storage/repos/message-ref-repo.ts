import { Op } from 'sequelize';
import type { MessageRefRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import type { RepoContext } from './repo-context';

export function messageRefRepo({ models: { MessageRef }, transaction }: RepoContext): MessageRefRepo {
  return {
    find: (platform, channelId, queryId) =>
      guarded(async () => {
        const r = await MessageRef.findOne({ where: { platform, channelId, queryId }, raw: true, transaction });
        return r ? { platform, channelId, queryId, messageId: r.messageId, cardVersion: r.cardVersion } : null;
      }),
    save: (ref, now) =>
      guarded(async () => {
        const where = { platform: ref.platform, channelId: ref.channelId, queryId: ref.queryId };
        const values = { messageId: ref.messageId, updatedAt: now.getTime(), ...(ref.cardVersion === undefined ? {} : { cardVersion: ref.cardVersion }) };
        const [n] = await MessageRef.update(values, { where, transaction });
        if (n === 0) await MessageRef.create({ cardVersion: 0, ...where, ...values }, { transaction });
      }),
    claimVersion: (platform, channelId, queryId, version) =>
      guarded(async () => {
        const where = { platform, channelId, queryId };
        // Equal versions show the same row: both may write. (MySQL connections count matched rows, as SQLite does.)
        const [n] = await MessageRef.update({ cardVersion: version }, { where: { ...where, cardVersion: { [Op.lte]: version } }, transaction });
        return n > 0 || (await MessageRef.count({ where, transaction })) === 0;
      }),
  };
}
