import type { QueryStatus } from '../domain/status';

/** One colour per status, shared by charts and cards ('#rrggbb'; Discord wants `parseInt(c.slice(1), 16)`). */
export const STATUS_COLOURS: Readonly<Record<QueryStatus, string>> = {
  Open: '#2563eb',
  'In Progress': '#f59e0b',
  Closed: '#16a34a',
};

/** Colours for series that are not a status. */
export const SERIES_COLOURS = {
  total: '#64748b',
  firstResponse: '#8b5cf6',
  resolution: '#dc2626',
  hours: '#0f172a',
} as const;
