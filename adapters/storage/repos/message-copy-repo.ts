import { UniqueConstraintError, type InferAttributes } from 'sequelize';
import type { MessageCopy } from '../../../core/domain/conversation-place';
import type { MessageCopyRepo } from '../../../core/ports/conversation-store';
import { guarded } from '../db-errors';
import type { MessageCopyRow } from '../tables';
import type { RepoContext } from './repo-context';
import { relayCursors } from './relay-cursors';

const toCopy = (r: InferAttributes<MessageCopyRow>): MessageCopy => ({
  messageId: r.messageId,
  queryId: r.queryId,
  placeKey: r.placeKey,
  platform: r.platform,
  channelId: r.channelId,
  platformMessageId: r.platformMessageId,
});

/** One copy per (message, place): recording it again keeps the first (a delivery retried after its record). */
export function messageCopyRepo({ models: { MessageCopy, RelayCursor }, transaction }: RepoContext): MessageCopyRepo {
  const cursors = relayCursors(RelayCursor, transaction);
  return {
    record: (copy) =>
      guarded(async () => {
        try {
          await MessageCopy.create(copy, { transaction });
        } catch (e) {
          if (!(e instanceof UniqueConstraintError)) throw e;
        }
      }),
    forMessage: (messageId) =>
      guarded(async () => {
        const rows = await MessageCopy.findAll({
          where: { messageId },
          order: [['id', 'ASC']],
          raw: true,
          transaction,
        });
        return rows.map(toCopy);
      }),
    findByPlatformMessage: (platform, channelId, platformMessageId) =>
      guarded(async () => {
        const r = await MessageCopy.findOne({
          where: { platform, channelId, platformMessageId },
          order: [['id', 'ASC']],
          raw: true,
          transaction,
        });
        return r ? toCopy(r) : null;
      }),
    claimPlace: (...a) => guarded(() => cursors.claimPlace(...a)),
    advancePlace: (...a) => guarded(() => cursors.advancePlace(...a)),
    releasePlace: (...a) => guarded(() => cursors.releasePlace(...a)),
  };
}
