import type { EventType, QueryEvent } from '../../../core/domain/event';
import type { Platform } from '../../../core/domain/platform';
import type { QueryStatus } from '../../../core/domain/status';
import type { EventRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toDate, toNumOrNull, type DbRow } from '../row-mapping';
import type { RepoContext } from './repo-context';

function toEvent(r: DbRow): QueryEvent {
  return {
    id: Number(r.id),
    queryId: Number(r.queryId),
    actorId: toNumOrNull(r.actorId),
    type: r.type as EventType,
    fromStatus: (r.fromStatus as QueryStatus | null) ?? null,
    toStatus: (r.toStatus as QueryStatus | null) ?? null,
    platform: r.platform as Platform,
    detail: r.detail ? (JSON.parse(String(r.detail)) as Record<string, unknown>) : null,
    createdAt: toDate(r.createdAt),
  };
}

export function eventRepo({ models: { Event }, transaction }: RepoContext): EventRepo {
  return {
    append: (e) =>
      guarded(async () => {
        await Event.create({ ...e, detail: e.detail ? JSON.stringify(e.detail) : null, createdAt: e.createdAt.getTime() }, { transaction });
      }),
    forQuery: (queryId) =>
      guarded(async () => {
        const rows = await Event.findAll({ where: { queryId }, order: [['id', 'ASC']], raw: true, transaction });
        return rows.map((r) => toEvent(r as unknown as DbRow));
      }),
  };
}
