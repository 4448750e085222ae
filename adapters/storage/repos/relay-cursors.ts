import { literal, Op, UniqueConstraintError, type ModelStatic, type Transaction } from 'sequelize';
import type { MessageCopyRepo } from '../../../core/ports/conversation-store';
import type { RelayCursorRow } from '../tables';

type Cursors = Pick<MessageCopyRepo, 'claimPlace' | 'advancePlace' | 'releasePlace'>;

const FREE = { claimToken: null, claimedAt: null };

/**
 * Per (query, place) the last seq delivered and who delivers now. A claim is one conditional UPDATE (free, held
 * by the same token, or its lease ran out), so of two racing runs one matches the row; the first claim of a place
 * inserts it, and the primary key lets one of two first claims win.
 */
export function relayCursors(RelayCursor: ModelStatic<RelayCursorRow>, transaction: Transaction | null): Cursors {
  const row = (queryId: number, placeKey: string) =>
    RelayCursor.findOne({ where: { queryId, placeKey }, raw: true, transaction });
  return {
    claimPlace: async (queryId, placeKey, token, now, staleBefore) => {
      const claim = { claimToken: token, claimedAt: now.getTime() };
      // Whatever happens between the statements below (a release, a first claim), a few turns settle it.
      for (let turn = 0; turn < 10; turn++) {
        const takeable = [
          { claimToken: null },
          { claimToken: token },
          { claimedAt: { [Op.lt]: staleBefore.getTime() } },
        ];
        const [n] = await RelayCursor.update(claim, {
          where: { queryId, placeKey, [Op.or]: takeable },
          transaction,
        });
        const r = await row(queryId, placeKey);
        if (n > 0) return { held: true, deliveredSeq: r?.deliveredSeq ?? 0 };
        if (r) {
          if (r.claimToken === null) continue; // released meanwhile
          return { held: false, deliveredSeq: r.deliveredSeq };
        }
        try {
          await RelayCursor.create({ queryId, placeKey, deliveredSeq: 0, ...claim }, { transaction });
          return { held: true, deliveredSeq: 0 };
        } catch (e) {
          if (!(e instanceof UniqueConstraintError)) throw e; // another run's first claim won: look again
        }
      }
      throw new Error(`the delivery of query #${queryId} to ${placeKey} kept changing hands while being claimed`);
    },
    advancePlace: async (queryId, placeKey, seq, token, now) => {
      const s = Math.trunc(seq);
      const [n] = await RelayCursor.update(
        {
          deliveredSeq: literal(`CASE WHEN delivered_seq < ${s} THEN ${s} ELSE delivered_seq END`),
          ...(now === undefined ? {} : { claimedAt: now.getTime() }),
        },
        { where: { queryId, placeKey, claimToken: token }, transaction },
      );
      return n > 0;
    },
    releasePlace: async (queryId, placeKey, token) => {
      await RelayCursor.update(FREE, { where: { queryId, placeKey, claimToken: token }, transaction });
    },
  };
}
