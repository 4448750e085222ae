import type { InferAttributes } from 'sequelize';
import type { QueryEvent } from '../../../core/domain/event';
import type { EventRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toDate } from '../row-mapping';
import type { EventRow } from '../tables';
import type { RepoContext } from './repo-context';

const toEvent = (r: InferAttributes<EventRow>): QueryEvent => ({
  id: r.id,
  queryId: r.queryId,
  actorId: r.actorId,
  type: r.type,
  fromStatus: r.fromStatus,
  toStatus: r.toStatus,
  platform: r.platform,
  // Written by append from a Record<string, unknown>.
  detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  createdAt: toDate(r.createdAt),
});

export function eventRepo({ models: { Event }, transaction }: RepoContext): EventRepo {
  return {
    append: (e) =>
      guarded(async () => {
        await Event.create(
          { ...e, detail: e.detail ? JSON.stringify(e.detail) : null, createdAt: e.createdAt.getTime() },
          { transaction },
        );
      }),
    forQuery: (queryId) =>
      guarded(async () => {
        const rows = await Event.findAll({ where: { queryId }, order: [['id', 'ASC']], raw: true, transaction });
        return rows.map(toEvent);
      }),
  };
}
