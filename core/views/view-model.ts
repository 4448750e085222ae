import type { ChartSpec } from '../charts/chart-spec';
import type { QueryStatus } from '../domain/status';
import type { FormId } from './form-ids';

/**
 * What core answers with, for every surface: adapters render these (Block Kit, Discord embeds,
 * terminal text) and never build UI from domain rows themselves.
 */
export type Tone = 'open' | 'progress' | 'closed' | 'info' | 'success' | 'warning' | 'danger';

export interface CardField {
  label: string;
  value: string;
  /** Marks a value shown with a warning, such as a mobile number that failed validation. */
  flagged?: boolean;
  inline?: boolean;
}

export interface ButtonView {
  label: string;
  /** Encoded by action-id.ts. */
  actionId: string;
  style?: 'primary' | 'danger';
}

export interface CardView {
  kind: 'card';
  title: string;
  /** User-written text, rendered as plain text (escaped) by every adapter. */
  body?: string;
  tone: Tone;
  status?: QueryStatus;
  fields: CardField[];
  buttons: ButtonView[];
  /** The query the card shows, so notifiers can update it in place. */
  queryId?: number;
  /** The query's version (updated_at, ms): an in-place edit never replaces a newer version of the card. */
  version?: number;
  footer?: string;
}

export interface ListColumn {
  key: string;
  label: string;
}

export interface ListRow {
  cells: Record<string, string>;
  tone?: Tone;
  flagged?: string[];
  queryId?: number;
}

export interface ListView {
  kind: 'list';
  title: string;
  columns: ListColumn[];
  rows: ListRow[];
  page: number;
  pages: number;
  total: number;
  prev?: ButtonView;
  next?: ButtonView;
  /** Said when there are no rows. */
  empty: string;
  /** Figures in columns (the agents table): drawn as a grid where the surface can, not as a line per row. */
  layout?: 'table';
}

export type FormFieldType = 'text' | 'longtext' | 'select' | 'file' | 'secret';

export interface FormField {
  name: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  maxLength?: number;
  /** A file field: the most bytes accepted (a surface that reads the file itself stops there). */
  maxBytes?: number;
  options?: readonly string[];
  hint?: string;
}

export interface FormView {
  kind: 'form';
  formId: FormId;
  title: string;
  submitLabel: string;
  fields: FormField[];
  /** A warning shown above the fields, e.g. that chat forms do not mask passwords. */
  notice?: string;
  /** The query a form acts on (close), carried through the round trip. */
  queryId?: number;
}

export type { FormId } from './form-ids';

export interface FileView {
  kind: 'file';
  title: string;
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export interface TextView {
  kind: 'text';
  text: string;
  tone: Tone;
}

export interface StatsView {
  kind: 'stats';
  title: string;
  figures: CardField[];
}

/** Charts travel as specs; adapters render them through the chart port and upload the PNG. */
export type View = CardView | ListView | FormView | FileView | TextView | StatsView | ChartSpec;

export interface Reply {
  /** Ephemeral replies are seen by the caller only. */
  visibility: 'ephemeral' | 'public';
  views: View[];
  /**
   * The answer takes the place of the message whose button was pressed (a rating replaces the rating buttons),
   * where the surface can edit that message; elsewhere it is sent like any answer.
   */
  replaces?: 'source';
}

export const STATUS_TONE: Record<QueryStatus, Tone> = { Open: 'open', 'In Progress': 'progress', Closed: 'closed' };

export function ephemeral(...views: View[]): Reply {
  return { visibility: 'ephemeral', views };
}

export function text(t: string, tone: Tone = 'info'): TextView {
  return { kind: 'text', text: t, tone };
}

/** A list that fits on one page (help, history, per-agent figures): columns as [key, label] pairs. */
export function singlePageList(
  title: string,
  columns: ReadonlyArray<readonly [string, string]>,
  rows: ListRow[],
  empty: string,
): ListView {
  return {
    kind: 'list',
    title,
    columns: columns.map(([key, label]) => ({ key, label })),
    rows,
    page: 1,
    pages: 1,
    total: rows.length,
    empty,
  };
}
