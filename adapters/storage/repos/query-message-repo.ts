import {
  literal,
  Op,
  UniqueConstraintError,
  type InferAttributes,
  type Transaction,
  type WhereOptions,
} from 'sequelize';
import type { AttachmentMeta } from '../../../core/domain/attachment';
import type { MessageSource, QueryMessage } from '../../../core/domain/query-message';
import type { QueryMessageRepo } from '../../../core/ports/conversation-store';
import { NotFound } from '../../../core/errors';
import { guarded } from '../db-errors';
import { toDate, toDateOrNull } from '../row-mapping';
import type { QueryMessageRow } from '../tables';
import { ATTACHMENT_META, storeAttachment, toAttachmentMeta } from './attachment-repo';
import type { RepoContext } from './repo-context';

type MessageColumns = InferAttributes<QueryMessageRow>;

const toMessage = (r: MessageColumns, attachments: AttachmentMeta[]): QueryMessage => ({
  id: r.id,
  queryId: r.queryId,
  seq: r.seq,
  authorId: r.authorId,
  authorRole: r.authorRole,
  visibility: r.visibility,
  text: r.body,
  attachments,
  source:
    r.sourcePlatform === null || r.sourceChannel === null || r.sourceMessageId === null
      ? null
      : { platform: r.sourcePlatform, channelId: r.sourceChannel, messageId: r.sourceMessageId },
  createdAt: toDate(r.createdAt),
  editedAt: toDateOrNull(r.editedAt),
  deletedAt: toDateOrNull(r.deletedAt),
});

const bySource = (s: MessageSource): WhereOptions<MessageColumns> => ({
  sourcePlatform: s.platform,
  sourceChannel: s.channelId,
  sourceMessageId: s.messageId,
});

/**
 * Messages numbered per query: append takes the next seq from client_queries.message_count in the same
 * transaction as the insert, so the query row's lock orders concurrent appends (MySQL; SQLite has one writer)
 * and a seq is never skipped. A source stored before gives the stored message back: a retried event is
 * stored once, and the count taken for it is given back.
 */
export function queryMessageRepo({ models, transaction, atomic }: RepoContext): QueryMessageRepo {
  const { QueryMessage, MessageRevision, Attachment, Query } = models;

  /** The messages of these rows, with their files, in the rows' order. */
  const withFiles = async (rows: MessageColumns[], t: Transaction | null): Promise<QueryMessage[]> => {
    if (rows.length === 0) return [];
    const files = await Attachment.findAll({
      where: { messageId: { [Op.in]: rows.map((r) => r.id) } },
      attributes: ATTACHMENT_META,
      order: [['id', 'ASC']],
      raw: true,
      transaction: t,
    });
    return rows.map((r) => toMessage(r, files.filter((f) => f.messageId === r.id).map(toAttachmentMeta)));
  };
  const one = async (where: WhereOptions<MessageColumns>, t: Transaction | null, lock = false) => {
    const r = await QueryMessage.findOne({
      where,
      raw: true,
      transaction: t,
      ...(lock && t ? { lock: t.LOCK.UPDATE } : {}),
    });
    return r ? ((await withFiles([r], t))[0] ?? null) : null;
  };
  const count = (queryId: number, by: 1 | -1, t: Transaction) =>
    Query.update(
      { messageCount: literal(`message_count ${by > 0 ? '+' : '-'} 1`) },
      { where: { id: queryId }, transaction: t },
    );

  return {
    append: (m) =>
      guarded(() =>
        atomic(async (t) => {
          const [taken] = await count(m.queryId, 1, t);
          if (taken === 0) throw new NotFound('query', m.queryId);
          const given = async () => {
            const stored = m.source ? await one(bySource(m.source), t) : null;
            if (stored) await count(m.queryId, -1, t);
            return stored;
          };
          const before = await given();
          if (before) return { message: before, created: false };
          const q = await Query.findOne({
            where: { id: m.queryId },
            attributes: ['messageCount'],
            raw: true,
            transaction: t,
          });
          try {
            const row = await QueryMessage.create(
              {
                queryId: m.queryId,
                seq: q?.messageCount ?? 0,
                authorId: m.authorId,
                authorRole: m.authorRole,
                visibility: m.visibility,
                body: m.text,
                sourcePlatform: m.source?.platform ?? null,
                sourceChannel: m.source?.channelId ?? null,
                sourceMessageId: m.source?.messageId ?? null,
                createdAt: m.createdAt.getTime(),
                editedAt: null,
                deletedAt: null,
              },
              { transaction: t },
            );
            return { message: toMessage(row.get({ plain: true }), []), created: true };
          } catch (e) {
            // The same source stored meanwhile under another query (whose lock this append did not wait for).
            const raced = e instanceof UniqueConstraintError ? await given() : null;
            if (raced) return { message: raced, created: false };
            throw e;
          }
        }),
      ),
    attach: (messageId, file) => guarded(() => storeAttachment(Attachment, file, messageId, transaction)),
    findById: (id) => guarded(() => one({ id }, transaction)),
    findBySource: (source) => guarded(() => one(bySource(source), transaction)),
    forQuery: (queryId, o) =>
      guarded(async () => {
        const rows = await QueryMessage.findAll({
          where: {
            queryId,
            ...(o.includeInternal ? {} : { visibility: 'public' }),
            ...(o.afterSeq === undefined ? {} : { seq: { [Op.gt]: o.afterSeq } }),
          },
          order: [['seq', 'ASC']],
          ...(o.limit === undefined ? {} : { limit: o.limit }),
          raw: true,
          transaction,
        });
        return withFiles(rows, transaction);
      }),
    revise: (id, change, at) =>
      guarded(() =>
        atomic(async (t) => {
          const m = await one({ id }, t, true);
          // A deleted message stays deleted; an edit that changes nothing (a retried event) records nothing.
          if (!m || m.deletedAt !== null || (change.kind === 'edit' && change.text === m.text)) return m;
          await MessageRevision.create(
            { messageId: id, kind: change.kind, previousText: m.text, at: at.getTime() },
            { transaction: t },
          );
          const values =
            change.kind === 'edit'
              ? { body: change.text, editedAt: at.getTime() }
              : { body: '', deletedAt: at.getTime() };
          await QueryMessage.update(values, { where: { id }, transaction: t });
          return change.kind === 'edit' ? { ...m, text: change.text, editedAt: at } : { ...m, text: '', deletedAt: at };
        }),
      ),
    revisions: (messageId) =>
      guarded(async () => {
        const rows = await MessageRevision.findAll({
          where: { messageId },
          order: [['id', 'ASC']],
          raw: true,
          transaction,
        });
        return rows.map((r) => ({
          messageId: r.messageId,
          kind: r.kind,
          previousText: r.previousText,
          at: toDate(r.at),
        }));
      }),
  };
}
