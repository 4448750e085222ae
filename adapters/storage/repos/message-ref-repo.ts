import { Op, UniqueConstraintError, type WhereOptions } from 'sequelize';
import type { MessageRefRow } from '../tables';
import type { CardClaim, MessageRefRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import type { RepoContext } from './repo-context';

const FREE = { claimToken: null, claimHolder: null, claimedAt: null };

export function messageRefRepo({ models: { MessageRef }, transaction }: RepoContext): MessageRefRepo {
  const row = (where: WhereOptions<MessageRefRow>) => MessageRef.findOne({ where, raw: true, transaction });
  return {
    find: (platform, channelId, queryId) =>
      guarded(async () => {
        const r = await row({ platform, channelId, queryId, messageId: { [Op.ne]: null } });
        return r?.messageId
          ? { platform, channelId, queryId, messageId: r.messageId, cardVersion: r.cardVersion }
          : null;
      }),
    save: (ref, now) =>
      guarded(async () => {
        const where = { platform: ref.platform, channelId: ref.channelId, queryId: ref.queryId };
        const values = {
          messageId: ref.messageId,
          updatedAt: now.getTime(),
          ...(ref.cardVersion === undefined ? {} : { cardVersion: ref.cardVersion }),
        };
        const [n] = await MessageRef.update(values, { where, transaction });
        if (n === 0) await MessageRef.create({ cardVersion: 0, ...where, ...values }, { transaction });
      }),
    claimCard: (ref, version, by, now, o) =>
      guarded(async (): Promise<CardClaim> => {
        const where = { platform: ref.platform, channelId: ref.channelId, queryId: ref.queryId };
        const claim = { claimToken: by.token, claimHolder: by.process, claimedAt: now.getTime() };
        const shown = version === undefined ? {} : { cardVersion: version };
        // Whatever happens between the statements below (another run finishing, releasing), a few turns settle it.
        for (let turn = 0; turn < 10; turn++) {
          // One conditional UPDATE: the first taker changes claim_token, so racing takers match no row.
          const takeable = [
            { claimToken: null, ...(version === undefined ? {} : { cardVersion: { [Op.lte]: version } }) },
            { claimedAt: { [Op.lt]: o.staleBefore.getTime() } },
            ...(o.goneToken ? [{ claimToken: o.goneToken }] : []),
          ];
          const [n] = await MessageRef.update(
            { ...claim, ...shown },
            { where: { ...where, [Op.or]: takeable }, transaction },
          );
          if (n > 0) {
            const mine = await row(where);
            return { held: true, messageId: mine?.messageId ?? null };
          }
          const r = await row(where);
          if (!r) {
            try {
              await MessageRef.create(
                { ...where, messageId: null, cardVersion: version ?? 0, updatedAt: now.getTime(), ...claim },
                { transaction },
              );
              return { held: true, messageId: null };
            } catch (e) {
              if (e instanceof UniqueConstraintError) continue; // another run's first claim won
              throw e;
            }
          }
          if (r.claimToken == null && (version === undefined || r.cardVersion <= version)) continue; // freed meanwhile
          const holder =
            r.claimToken == null
              ? null
              : { token: r.claimToken, process: r.claimHolder ?? '', since: new Date(r.claimedAt ?? 0) };
          return { held: false, shownVersion: r.cardVersion, holder };
        }
        throw new Error(`the card of query #${ref.queryId} kept changing hands while being claimed`);
      }),
    finishCard: (ref, token, now) =>
      guarded(async () => {
        const where = { platform: ref.platform, channelId: ref.channelId, queryId: ref.queryId, claimToken: token };
        const [n] = await MessageRef.update(
          { ...FREE, messageId: ref.messageId, updatedAt: now.getTime() },
          { where, transaction },
        );
        return n > 0;
      }),
    releaseCard: (ref, token) =>
      guarded(async () => {
        const where = { platform: ref.platform, channelId: ref.channelId, queryId: ref.queryId, claimToken: token };
        await MessageRef.destroy({ where: { ...where, messageId: null }, transaction });
        await MessageRef.update(FREE, { where, transaction });
      }),
  };
}
