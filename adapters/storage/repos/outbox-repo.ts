import { literal, Op, type InferAttributes, type WhereOptions } from 'sequelize';
import type { Job } from '../../../core/ports/job-queue';
import type { OutboxEntry, OutboxRepo, RedeliverRule } from '../../../core/ports/outbox';
import { guarded } from '../db-errors';
import { toDate } from '../row-mapping';
import type { OutboxRow } from '../tables';
import type { RepoContext } from './repo-context';

// Written by add from a Job.
const toEntry = (r: InferAttributes<OutboxRow>): OutboxEntry => ({
  id: r.id,
  job: JSON.parse(r.job) as Job,
  createdAt: toDate(r.createdAt),
  attempts: r.attempts,
});

const leaseFree = (now: Date) => ({ [Op.or]: [{ leaseUntil: null }, { leaseUntil: { [Op.lt]: now.getTime() } }] });
const free = (now: Date) => ({ sentAt: null, doneAt: null, ...leaseFree(now) });
/** Relayed, never done, not relayed again since `sentBefore`: its job was lost (or failed) in the queue. */
const undone = (now: Date, r: RedeliverRule) => ({
  doneAt: null,
  sentAt: { [Op.lte]: r.sentBefore.getTime() },
  attempts: { [Op.lt]: r.maxRelays },
  ...leaseFree(now),
});

/**
 * Leases are taken by one conditional UPDATE over the candidate rows: each row's condition is checked
 * under its row lock, so of two relays racing for a row exactly one sees it free.
 */
export function outboxRepo({ models: { Outbox }, transaction }: RepoContext): OutboxRepo {
  return {
    add: (jobs, now) =>
      guarded(async () => {
        if (jobs.length === 0) return;
        await Outbox.bulkCreate(
          jobs.map((job) => ({ job: JSON.stringify(job), createdAt: now.getTime(), attempts: 0 })),
          { transaction },
        );
      }),
    claimBatch: (owner, limit, now, leaseMs, redeliver) =>
      guarded(async () => {
        // Two reads, each along its own index (outbox_pending, outbox_undone), rather than one OR of both.
        const idsWhere = async (where: WhereOptions<InferAttributes<OutboxRow>>, n: number) =>
          n <= 0
            ? []
            : (
                await Outbox.findAll({
                  attributes: ['id'],
                  where,
                  order: [['id', 'ASC']],
                  limit: n,
                  raw: true,
                  transaction,
                })
              ).map((r) => r.id);
        const pending = await idsWhere(free(now), limit);
        const stale = redeliver ? await idsWhere(undone(now, redeliver), limit - pending.length) : [];
        if (pending.length + stale.length === 0) return [];
        const lease = { leaseOwner: owner, leaseUntil: now.getTime() + leaseMs, attempts: literal('attempts + 1') };
        await Outbox.update(lease, { where: { id: pending, ...free(now) }, transaction });
        if (redeliver && stale.length)
          await Outbox.update(lease, { where: { id: stale, ...undone(now, redeliver) }, transaction });
        const won = await Outbox.findAll({
          where: { id: [...pending, ...stale], leaseOwner: owner, doneAt: null },
          order: [['id', 'ASC']],
          raw: true,
          transaction,
        });
        return won.map(toEntry);
      }),
    markSent: (ids, owner, now) =>
      guarded(async () => {
        if (ids.length === 0) return;
        await Outbox.update({ sentAt: now.getTime() }, { where: { id: [...ids], leaseOwner: owner }, transaction });
      }),
    // A job that ran was sent, whether or not its relay heard the queue's answer (an enqueue that timed out
    // after it landed): marked sent too, it is no longer pending, nor taken again, and is purged in time.
    markDone: (id, now) =>
      guarded(async () => {
        await Outbox.update(
          { doneAt: now.getTime(), sentAt: literal(`COALESCE(sent_at, ${now.getTime()})`) },
          { where: { id, doneAt: null }, transaction },
        );
      }),
    // Sent or only leased, the rows of a gone holder are pending again: a new relay takes them on its next pass.
    requeueHeldBy: (holderId, maxRelays) =>
      guarded(async () => {
        const [n] = await Outbox.update(
          { sentAt: null, leaseOwner: null, leaseUntil: null },
          {
            where: { doneAt: null, leaseOwner: { [Op.like]: `${holderId}:%` }, attempts: { [Op.lt]: maxRelays } },
            transaction,
          },
        );
        return n;
      }),
    release: (ids, owner) =>
      guarded(async () => {
        if (ids.length === 0) return;
        await Outbox.update(
          { leaseOwner: null, leaseUntil: null },
          { where: { id: [...ids], leaseOwner: owner, sentAt: null }, transaction },
        );
      }),
    purgeSent: (before) =>
      guarded(() => Outbox.destroy({ where: { sentAt: { [Op.lt]: before.getTime() } }, transaction })),
    pendingCount: () => guarded(() => Outbox.count({ where: { sentAt: null, doneAt: null }, transaction })),
  };
}
