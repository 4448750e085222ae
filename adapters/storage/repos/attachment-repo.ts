import type { InferAttributes, ModelStatic, Transaction } from 'sequelize';
import type { AttachmentMeta, NewAttachment } from '../../../core/domain/attachment';
import type { AttachmentRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toDate } from '../row-mapping';
import type { AttachmentRow } from '../tables';
import type { RepoContext } from './repo-context';

/** Every column but the content: what a listing reads. */
type MetaColumns = Omit<InferAttributes<AttachmentRow>, 'data'>;
export const ATTACHMENT_META: (keyof MetaColumns)[] = [
  'id',
  'queryId',
  'filename',
  'contentType',
  'size',
  'sha256',
  'createdAt',
  'messageId',
];

export const toAttachmentMeta = (r: MetaColumns): AttachmentMeta => ({
  id: r.id,
  queryId: r.queryId,
  filename: r.filename,
  contentType: r.contentType,
  size: r.size,
  sha256: r.sha256,
  createdAt: toDate(r.createdAt),
});

/** Stores a file of a query, or of one of its messages (`messageId`). */
export async function storeAttachment(
  Attachment: ModelStatic<AttachmentRow>,
  a: NewAttachment,
  messageId: number | null,
  transaction: Transaction | null,
): Promise<AttachmentMeta> {
  const created = await Attachment.create(
    {
      ...a,
      data: Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength),
      size: a.data.byteLength,
      createdAt: a.createdAt.getTime(),
      messageId,
    },
    { transaction },
  );
  return toAttachmentMeta(created.get({ plain: true }));
}

export function attachmentRepo({ models: { Attachment }, transaction }: RepoContext): AttachmentRepo {
  return {
    insert: (a) => guarded(() => storeAttachment(Attachment, a, null, transaction)),
    // The files the query was raised with; its messages' files are listed with the messages.
    forQuery: (queryId) =>
      guarded(async () => {
        const rows = await Attachment.findAll({
          where: { queryId, messageId: null },
          attributes: ATTACHMENT_META,
          order: [['id', 'ASC']],
          raw: true,
          transaction,
        });
        return rows.map(toAttachmentMeta);
      }),
    read: (id) =>
      guarded(async () => {
        const r = await Attachment.findByPk(id, { raw: true, transaction });
        if (!r) return null;
        return {
          meta: toAttachmentMeta(r),
          data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength),
        };
      }),
  };
}
