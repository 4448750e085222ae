export const QUERY_STATUSES = ['Open', 'In Progress', 'Closed'] as const;
export type QueryStatus = (typeof QUERY_STATUSES)[number];
