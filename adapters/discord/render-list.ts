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
  if (list.layout === 'table' && list.rows.length) return tableEmbed(list);
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

/** What a table embed may hold, so it shares a message with the answer's other embeds within 6,000 characters. */
const TABLE_CHARS = 4000;

/**
 * A table (figures in columns) as embed fields, three to a line: one per row, named by its first cell, its
 * figures one a line under their labels. Rows past 24 fields or TABLE_CHARS are counted, not cut.
 */
function tableEmbed(list: ListView): APIEmbed {
  const [first, ...rest] = list.columns;
  const fields: { name: string; value: string; inline: boolean }[] = [];
  let used = list.title.length;
  for (const row of list.rows) {
    const name = plain(row.cells[first?.key ?? ''] || '-', CELL_MAX);
    const value = truncate(
      rest.map((c) => `${plain(c.label, CELL_MAX)}: **${plain(row.cells[c.key] ?? '-', CELL_MAX)}**`).join('\n'),
      LIMITS.fieldValue,
    );
    if (fields.length === LIMITS.fields - 1 || used + name.length + value.length > TABLE_CHARS) break;
    fields.push({ name, value, inline: true });
    used += name.length + value.length;
  }
  if (fields.length < list.rows.length)
    fields.push({ name: '…', value: `and ${list.rows.length - fields.length} more on this page`, inline: false });
  return {
    title: truncate(list.title, LIMITS.embedTitle),
    fields,
    color: TONE_COLOUR.info,
    ...(list.pages > 1 ? { footer: { text: `Page ${list.page} of ${list.pages} · ${list.total} in all` } } : {}),
  };
}
