import type { ListView } from '../../core/views/view-model';
import { paddedCells } from '../../core/views/table-cells';
import { oneLine, toneColour, type Paint } from './ansi';

/** Widest a cell may be before it is cut with an ellipsis. */
const MAX_CELL = 80;

/**
 * A list as an aligned text table: widths are measured on the plain text, colours are added after
 * padding so they never shift a column. The row's tone colours its status; flagged cells are red.
 */
export function renderList(list: ListView, paint: Paint): string[] {
  const lines = [paint('bold', oneLine(list.title, 200))];
  if (list.rows.length === 0) return [...lines, `  ${oneLine(list.empty, 200)}`];
  const table = paddedCells(list, (cell) => oneLine(cell, MAX_CELL));
  lines.push(`  ${table.header.map((label) => paint('bold', label)).join('  ')}`.trimEnd());
  lines.push(`  ${table.widths.map((w) => '─'.repeat(w)).join('  ')}`);
  list.rows.forEach((row, r) => {
    const shown = list.columns.map((c, i) => {
      const text = table.rows[r]?.[i] ?? '';
      if (row.flagged?.includes(c.key)) return paint('red', text);
      return c.key === 'status' || c.key === 'level' ? paint(toneColour(row.tone), text) : text;
    });
    lines.push(`  ${shown.join('  ')}`.trimEnd());
  });
  lines.push(paint('dim', `  page ${list.page} of ${list.pages} (${list.total} in all)`));
  return lines;
}
