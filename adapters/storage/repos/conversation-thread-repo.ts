import { UniqueConstraintError, type InferAttributes } from 'sequelize';
import type { ConversationThread } from '../../../core/domain/conversation-place';
import type { ConversationThreadRepo } from '../../../core/ports/conversation-store';
import { guarded } from '../db-errors';
import { toDate } from '../row-mapping';
import type { ConversationThreadRow } from '../tables';
import type { RepoContext } from './repo-context';

/** The unique key does not compare NULLs: a channel that is itself the thread is stored with the root ''. */
const NO_ROOT = '';

const toThread = (r: InferAttributes<ConversationThreadRow>): ConversationThread => ({
  queryId: r.queryId,
  platform: r.platform,
  audience: r.audience,
  channelId: r.channelId,
  threadRootId: r.threadRootId === NO_ROOT ? null : r.threadRootId,
  createdAt: toDate(r.createdAt),
});

/** One query per (platform, channel, root): the first recorded keeps the place. */
export function conversationThreadRepo({
  models: { ConversationThread },
  transaction,
}: RepoContext): ConversationThreadRepo {
  return {
    save: (t) =>
      guarded(async () => {
        try {
          await ConversationThread.create(
            { ...t, threadRootId: t.threadRootId ?? NO_ROOT, createdAt: t.createdAt.getTime() },
            { transaction },
          );
        } catch (e) {
          if (!(e instanceof UniqueConstraintError)) throw e;
        }
      }),
    find: (platform, channelId, threadRootId) =>
      guarded(async () => {
        const r = await ConversationThread.findOne({
          where: { platform, channelId, threadRootId: threadRootId ?? NO_ROOT },
          raw: true,
          transaction,
        });
        return r ? toThread(r) : null;
      }),
    forQuery: (queryId, platform, audience) =>
      guarded(async () => {
        const rows = await ConversationThread.findAll({
          where: {
            queryId,
            ...(platform === undefined ? {} : { platform }),
            ...(audience === undefined ? {} : { audience }),
          },
          order: [['id', 'ASC']],
          raw: true,
          transaction,
        });
        return rows.map(toThread);
      }),
  };
}
