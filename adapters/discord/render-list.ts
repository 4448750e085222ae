import type { APIEmbed } from 'discord.js';
import { LIST_CELL_MAX } from '../../core/views/list-page';
import type { ButtonView, ListView } from '../../core/views/view-model';
import { TONE_COLOUR } from './colours';
import { inCode, LIMITS, plain, truncate } from './discord-text';

/** Core's page sizes count on cells this wide at most (list-page.ts). */
const CELL_MAX = LIST_CELL_MAX;

/**
 * A list as an embed: a header line naming the columns, then one line per row (first cell in code, the rest
 * joined by dots, user text escaped), the page in the footer. Rows that do not fit are counted, not cut.
 */
export function listEmbed(list: ListView): APIEmbed {
  const [first, ...rest] = list.columns;
  const lines: string[] = [];
  if (list.rows.length && first) lines.push(`*${list.columns.map((c) => c.label).join(' · ')}*`);
  let shown = 0;
  let used = lines.join('\n').length;
  for (const row of list.rows) {
    const flag = (key: string) => (row.flagged?.includes(key) ? '⚠ ' : '');
    const lead = first ? `\`${inCode(truncate(row.cells[first.key] ?? '-', CELL_MAX))}\`` : '';
    const tail = rest.map((c) => `${flag(c.key)}${plain(row.cells[c.key] ?? '-', CELL_MAX)}`).join(' · ');
    const line = `${lead} ${tail}`.trim();
    if (used + line.length + 40 > LIMITS.embedDescription) break;
    lines.push(line);
    used += line.length + 1;
    shown += 1;
  }
  if (shown < list.rows.length) lines.push(`… and ${list.rows.length - shown} more on this page`);
  return {
    title: truncate(list.title, LIMITS.embedTitle),
    description: list.rows.length ? lines.join('\n') : plain(list.empty, LIMITS.embedDescription),
    color: TONE_COLOUR.info,
    ...(list.pages > 1 ? { footer: { text: `Page ${list.page} of ${list.pages} · ${list.total} in all` } } : {}),
  };
}

export function pagingButtons(list: ListView): ButtonView[] {
  return [list.prev, list.next].filter((b): b is ButtonView => b !== undefined);
}
