import type { InferAttributes } from 'sequelize';
import type { AttachmentMeta } from '../../../core/domain/attachment';
import type { AttachmentRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toDate } from '../row-mapping';
import type { AttachmentRow } from '../tables';
import type { RepoContext } from './repo-context';

/** Every column but the content: what a listing reads. */
type MetaColumns = Omit<InferAttributes<AttachmentRow>, 'data'>;
const META: (keyof MetaColumns)[] = ['id', 'queryId', 'filename', 'contentType', 'size', 'sha256', 'createdAt'];

const toMeta = (r: MetaColumns): AttachmentMeta => ({
  id: r.id,
  queryId: r.queryId,
  filename: r.filename,
  contentType: r.contentType,
  size: r.size,
  sha256: r.sha256,
  createdAt: toDate(r.createdAt),
});

export function attachmentRepo({ models: { Attachment }, transaction }: RepoContext): AttachmentRepo {
  return {
    insert: (a) =>
      guarded(async () => {
        const created = await Attachment.create(
          {
            ...a,
            data: Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength),
            size: a.data.byteLength,
            createdAt: a.createdAt.getTime(),
          },
          { transaction },
        );
        return toMeta(created.get({ plain: true }));
      }),
    forQuery: (queryId) =>
      guarded(async () => {
        const rows = await Attachment.findAll({
          where: { queryId },
          attributes: META,
          order: [['id', 'ASC']],
          raw: true,
          transaction,
        });
        return rows.map(toMeta);
      }),
    read: (id) =>
      guarded(async () => {
        const r = await Attachment.findByPk(id, { raw: true, transaction });
        if (!r) return null;
        return { meta: toMeta(r), data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) };
      }),
  };
}
