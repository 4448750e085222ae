import { Op, UniqueConstraintError, type InferAttributes, type Transaction, type WhereOptions } from 'sequelize';
import type { MessageSource, ParkedMessage } from '../../../core/domain/query-message';
import type { ParkedMessageRepo } from '../../../core/ports/conversation-store';
import { guarded } from '../db-errors';
import { toDate } from '../row-mapping';
import type { ParkedMessageRow } from '../tables';
import type { RepoContext } from './repo-context';

type ParkedColumns = InferAttributes<ParkedMessageRow>;

const bySource = (s: MessageSource) => ({
  platform: s.platform,
  channelId: s.channelId,
  messageId: s.messageId,
});

/** A parked message with its files; the files go with it when it is taken or pruned (cascade). */
export function parkedMessageRepo({
  models: { ParkedMessage, ParkedFile },
  transaction,
  atomic,
}: RepoContext): ParkedMessageRepo {
  const one = async (where: WhereOptions<ParkedColumns>, t: Transaction | null): Promise<ParkedMessage | null> => {
    const r = await ParkedMessage.findOne({ where, raw: true, transaction: t });
    if (!r) return null;
    const files = await ParkedFile.findAll({
      where: { parkedId: r.id },
      order: [['id', 'ASC']],
      raw: true,
      transaction: t,
    });
    return {
      id: r.id,
      authorId: r.authorId,
      source: { platform: r.platform, channelId: r.channelId, messageId: r.messageId },
      text: r.body,
      files: files.map((f) => ({
        filename: f.filename,
        contentType: f.contentType,
        data: new Uint8Array(f.data.buffer, f.data.byteOffset, f.data.byteLength),
      })),
      createdAt: toDate(r.createdAt),
    };
  };
  return {
    park: (m) =>
      guarded(() =>
        atomic(async (t) => {
          const before = await one(bySource(m.source), t);
          if (before) return { parked: before, created: false };
          try {
            const row = await ParkedMessage.create(
              { authorId: m.authorId, ...bySource(m.source), body: m.text, createdAt: m.createdAt.getTime() },
              { transaction: t },
            );
            const id = row.get('id');
            for (const f of m.files) {
              const data = Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength);
              await ParkedFile.create(
                { parkedId: id, filename: f.filename, contentType: f.contentType, data },
                { transaction: t },
              );
            }
            return { parked: { ...m, id }, created: true };
          } catch (e) {
            // Parked meanwhile by another delivery of the same event.
            const raced = e instanceof UniqueConstraintError ? await one(bySource(m.source), t) : null;
            if (raced) return { parked: raced, created: false };
            throw e;
          }
        }),
      ),
    findById: (id) => guarded(() => one({ id }, transaction)),
    findBySource: (source) => guarded(() => one(bySource(source), transaction)),
    take: (id) =>
      guarded(() =>
        atomic(async (t) => {
          const p = await one({ id }, t);
          // Of two picks, the one whose delete removed the row files the message.
          return p && (await ParkedMessage.destroy({ where: { id }, transaction: t })) > 0 ? p : null;
        }),
      ),
    prune: (before) =>
      guarded(() => ParkedMessage.destroy({ where: { createdAt: { [Op.lt]: before.getTime() } }, transaction })),
  };
}
