import type { PlatformIdentity } from '../../../core/domain/identity';
import type { IdentityRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toDate, type DbRow } from '../row-mapping';
import type { RepoContext } from './repo-context';

function toIdentity(r: DbRow): PlatformIdentity {
  return {
    platform: r.platform as PlatformIdentity['platform'],
    workspaceId: String(r.workspaceId),
    platformUserId: String(r.platformUserId),
    userId: Number(r.userId),
    linkedAt: toDate(r.linkedAt),
  };
}

export function identityRepo({ models: { Identity }, transaction }: RepoContext): IdentityRepo {
  return {
    find: (platform, workspaceId, platformUserId) =>
      guarded(async () => {
        const r = await Identity.findOne({ where: { platform, workspaceId, platformUserId }, raw: true, transaction });
        return r ? toIdentity(r as unknown as DbRow) : null;
      }),
    link: (i) =>
      guarded(async () => {
        const where = { platform: i.platform, workspaceId: i.workspaceId, platformUserId: i.platformUserId };
        const [affected] = await Identity.update({ userId: i.userId, linkedAt: i.linkedAt.getTime() }, { where, transaction });
        if (affected === 0) await Identity.create({ ...where, userId: i.userId, linkedAt: i.linkedAt.getTime() }, { transaction });
      }),
    unlink: (platform, workspaceId, platformUserId) =>
      guarded(async () => void (await Identity.destroy({ where: { platform, workspaceId, platformUserId }, transaction }))),
    forUser: (userId) =>
      guarded(async () => {
        const rows = await Identity.findAll({ where: { userId }, raw: true, transaction });
        return rows.map((r) => toIdentity(r as unknown as DbRow));
      }),
  };
}
