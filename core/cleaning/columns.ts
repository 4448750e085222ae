/** The columns of a raw support export, as the seed dataset has them. */
export const RAW_COLUMNS = [
  'query_id',
  'client_email',
  'client_mobile',
  'query_heading',
  'query_description',
  'status',
  'date_opened',
  'date_closed',
] as const;

export type RawColumn = (typeof RAW_COLUMNS)[number];
export type RawRow = Record<RawColumn, string>;

/** The columns `data clean` writes and `data load` reads, in this order. */
export const CLEANED_COLUMNS = [
  'query_id',
  'client_email',
  'email_valid',
  'client_mobile',
  'mobile_valid',
  'query_heading',
  'query_description',
  'status',
  'query_created_time',
  'query_closed_time',
  'resolution_hours',
] as const;

export type CleanedColumn = (typeof CLEANED_COLUMNS)[number];
export type CleanedRow = Record<CleanedColumn, string>;

/** Appended to a raw row's own columns in the rejects file. */
export const REJECT_COLUMNS = ['reject_reason', 'line'] as const;
