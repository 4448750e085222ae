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
  /** A conversation message (its id, seq and visibility in the detail; the text lives with the message). */
  'message',
  /** Staff marked the query as waiting on the client. */
  'waiting',
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
