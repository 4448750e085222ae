import type { Platform } from './platform';
import type { QueryStatus } from './status';

export const EVENT_TYPES = [
  'created',
  'claimed',
  'released',
  'closed',
  'reassigned',
  'reopened',
  'reviewed',
  'imported',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One line of the append-only audit log. */
export interface QueryEvent {
  id: number;
  queryId: number;
  actorId: number | null;
  type: EventType;
  fromStatus: QueryStatus | null;
  toStatus: QueryStatus | null;
  platform: Platform;
  detail: Record<string, unknown> | null;
  createdAt: Date;
}

export type NewQueryEvent = Omit<QueryEvent, 'id'>;
