import { literal, Op } from 'sequelize';
import type { Job } from '../../../core/ports/job-queue';
import type { OutboxRepo } from '../../../core/ports/outbox';
import { guarded } from '../db-errors';
import type { DbRow } from '../row-mapping';
import type { RepoContext } from './repo-context';

const free = (now: Date) => ({ sentAt: null, [Op.or]: [{ leaseUntil: null }, { leaseUntil: { [Op.lt]: now.getTime() } }] });

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
    claimBatch: (owner, limit, now, leaseMs) =>
      guarded(async () => {
        const candidates = (await Outbox.findAll({ attributes: ['id'], where: free(now), order: [['id', 'ASC']], limit, raw: true, transaction })) as unknown as DbRow[];
        if (candidates.length === 0) return [];
        const ids = candidates.map((r) => Number(r.id));
        await Outbox.update(
          { leaseOwner: owner, leaseUntil: now.getTime() + leaseMs, attempts: literal('attempts + 1') },
          { where: { id: ids, ...free(now) }, transaction },
        );
        const won = (await Outbox.findAll({ where: { id: ids, leaseOwner: owner, sentAt: null }, order: [['id', 'ASC']], raw: true, transaction })) as unknown as DbRow[];
        return won.map((r) => ({
          id: Number(r.id),
          job: JSON.parse(String(r.job)) as Job,
          createdAt: new Date(Number(r.createdAt)),
          attempts: Number(r.attempts),
        }));
      }),
    markSent: (ids, owner, now) =>
      guarded(async () => {
        if (ids.length === 0) return;
        await Outbox.update({ sentAt: now.getTime() }, { where: { id: [...ids], leaseOwner: owner }, transaction });
      }),
    release: (ids, owner) =>
      guarded(async () => {
        if (ids.length === 0) return;
        await Outbox.update({ leaseOwner: null, leaseUntil: null }, { where: { id: [...ids], leaseOwner: owner, sentAt: null }, transaction });
      }),
    purgeSent: (before) => guarded(() => Outbox.destroy({ where: { sentAt: { [Op.lt]: before.getTime() } }, transaction })),
    pendingCount: () => guarded(() => Outbox.count({ where: { sentAt: null }, transaction })),
  };
}
