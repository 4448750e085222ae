import type { ListView } from './view-model';

export interface PaddedTable {
  /** Column labels, each padded to its column's width (the last one not padded). */
  header: string[];
  rows: string[][];
  widths: number[];
}

/**
 * A list's cells padded to their columns' widths, measured on the text each surface shows (`shown` cuts and
 * cleans a cell), so a monospaced surface lines them up: the shell's table, Slack's code block.
 */
export function paddedCells(list: ListView, shown: (cell: string) => string): PaddedTable {
  const cells = list.rows.map((r) => list.columns.map((c) => shown(r.cells[c.key] ?? '')));
  const widths = list.columns.map((c, i) => Math.max(c.label.length, ...cells.map((row) => (row[i] ?? '').length)));
  const pad = (s: string, i: number) => (i === list.columns.length - 1 ? s : s.padEnd(widths[i] ?? 0));
  return { header: list.columns.map((c, i) => pad(c.label, i)), rows: cells.map((row) => row.map(pad)), widths };
}
