import type { AttachmentMeta } from '../../../core/domain/attachment';
import type { AttachmentRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toDate, type DbRow } from '../row-mapping';
import type { RepoContext } from './repo-context';

const META = ['id', 'queryId', 'filename', 'contentType', 'size', 'sha256', 'createdAt'];

function toMeta(r: DbRow): AttachmentMeta {
  return {
    id: Number(r.id),
    queryId: Number(r.queryId),
    filename: String(r.filename),
    contentType: String(r.contentType),
    size: Number(r.size),
    sha256: String(r.sha256),
    createdAt: toDate(r.createdAt),
  };
}

export function attachmentRepo({ models: { Attachment }, transaction }: RepoContext): AttachmentRepo {
  return {
    insert: (a) =>
      guarded(async () => {
        const created = await Attachment.create(
          { ...a, data: Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength), size: a.data.byteLength, createdAt: a.createdAt.getTime() },
          { transaction },
        );
        return toMeta(created.get({ plain: true }) as DbRow);
      }),
    forQuery: (queryId) =>
      guarded(async () => {
        const rows = await Attachment.findAll({ where: { queryId }, attributes: META, order: [['id', 'ASC']], raw: true, transaction });
        return rows.map((r) => toMeta(r as unknown as DbRow));
      }),
    read: (id) =>
      guarded(async () => {
        const r = (await Attachment.findByPk(id, { raw: true, transaction })) as unknown as DbRow | null;
        if (!r) return null;
        const data = r.data as Buffer;
        return { meta: toMeta(r), data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
      }),
  };
}
