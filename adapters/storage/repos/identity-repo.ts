import type { InferAttributes } from 'sequelize';
import type { PlatformIdentity } from '../../../core/domain/identity';
import type { IdentityRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toDate } from '../row-mapping';
import type { IdentityRow } from '../tables';
import type { RepoContext } from './repo-context';

const toIdentity = (r: InferAttributes<IdentityRow>): PlatformIdentity => ({
  platform: r.platform,
  workspaceId: r.workspaceId,
  platformUserId: r.platformUserId,
  userId: r.userId,
  linkedAt: toDate(r.linkedAt),
});

export function identityRepo({ models: { Identity }, transaction }: RepoContext): IdentityRepo {
  return {
    find: (platform, workspaceId, platformUserId) =>
      guarded(async () => {
        const r = await Identity.findOne({ where: { platform, workspaceId, platformUserId }, raw: true, transaction });
        return r ? toIdentity(r) : null;
      }),
    link: (i) =>
      guarded(async () => {
        const where = { platform: i.platform, workspaceId: i.workspaceId, platformUserId: i.platformUserId };
        const [affected] = await Identity.update(
          { userId: i.userId, linkedAt: i.linkedAt.getTime() },
          { where, transaction },
        );
        if (affected === 0)
          await Identity.create({ ...where, userId: i.userId, linkedAt: i.linkedAt.getTime() }, { transaction });
      }),
    unlink: (platform, workspaceId, platformUserId) =>
      guarded(
        async () => void (await Identity.destroy({ where: { platform, workspaceId, platformUserId }, transaction })),
      ),
    forUser: (userId) =>
      guarded(async () => {
        const rows = await Identity.findAll({ where: { userId }, raw: true, transaction });
        return rows.map(toIdentity);
      }),
  };
}
