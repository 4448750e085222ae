import type { AgentRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toBool, toDate, type DbRow } from '../row-mapping';
import type { RepoContext } from './repo-context';

export function agentRepo({ models: { Agent }, transaction }: RepoContext): AgentRepo {
  return {
    upsert: (a) =>
      guarded(async () => {
        const [affected] = await Agent.update({ displayName: a.displayName, active: a.active }, { where: { userId: a.userId }, transaction });
        if (affected === 0) await Agent.create({ ...a, createdAt: a.createdAt.getTime() }, { transaction });
      }),
    setActive: (userId, active) => guarded(async () => void (await Agent.update({ active }, { where: { userId }, transaction }))),
    list: (onlyActive) =>
      guarded(async () => {
        const rows = await Agent.findAll({ where: onlyActive ? { active: true } : {}, order: [['displayName', 'ASC']], raw: true, transaction });
        return rows.map((r) => {
          const d = r as unknown as DbRow;
          return { userId: Number(d.userId), displayName: String(d.displayName), active: toBool(d.active), createdAt: toDate(d.createdAt) };
        });
      }),
  };
}
