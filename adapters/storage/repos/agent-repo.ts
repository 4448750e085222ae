import type { InferAttributes } from 'sequelize';
import type { AgentRecord } from '../../../core/domain/agent';
import type { AgentRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toBool, toDate } from '../row-mapping';
import type { AgentRow } from '../tables';
import type { RepoContext } from './repo-context';

const toAgent = (r: InferAttributes<AgentRow>): AgentRecord => ({
  userId: r.userId,
  displayName: r.displayName,
  active: toBool(r.active),
  createdAt: toDate(r.createdAt),
});

export function agentRepo({ models: { Agent }, transaction }: RepoContext): AgentRepo {
  return {
    upsert: (a) =>
      guarded(async () => {
        const [affected] = await Agent.update(
          { displayName: a.displayName, active: a.active },
          { where: { userId: a.userId }, transaction },
        );
        if (affected === 0) await Agent.create({ ...a, createdAt: a.createdAt.getTime() }, { transaction });
      }),
    setActive: (userId, active) =>
      guarded(async () => void (await Agent.update({ active }, { where: { userId }, transaction }))),
    list: (onlyActive) =>
      guarded(async () => {
        const rows = await Agent.findAll({
          where: onlyActive ? { active: true } : {},
          order: [['displayName', 'ASC']],
          raw: true,
          transaction,
        });
        return rows.map(toAgent);
      }),
  };
}
