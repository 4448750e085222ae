import type { ListRow, ListView } from '../../core/views/view-model';
import { paddedCells } from '../../core/views/table-cells';
import { LIMITS, type KnownBlock } from './block-kit';
import { escapeMrkdwn, mrkdwn, safeMrkdwn } from './mrkdwn';
import { actionBlocks, contextLine, fitBlocks, textSections, TONE_EMOJI } from './render-parts';

/** A list's rows fit one message beside its title, page line and paging buttons (a reply may hold other views). */
const MAX_ROW_SECTIONS = LIMITS.messageBlocks - 5;

/**
 * A list as lines (Block Kit has no table): the first column in bold, then `label: value` for the rest
 * (or just the second column of a two-column list), a flagged cell marked, the page and the paging buttons.
 */
export function listBlocks(list: ListView, opts: { paging?: boolean } = {}): KnownBlock[] {
  const blocks: KnownBlock[] = textSections(`*${escapeMrkdwn(list.title)}*`);
  if (list.rows.length === 0) blocks.push(...textSections(escapeMrkdwn(list.empty)));
  else {
    const rows =
      list.layout === 'table' ? tableSections(list) : textSections(list.rows.map((r) => rowLine(list, r)).join('\n'));
    blocks.push(...fitBlocks(rows, MAX_ROW_SECTIONS, '… (shortened: more rows than one Slack message holds)'));
  }
  if (list.pages > 1) blocks.push(contextLine(`Page ${list.page} of ${list.pages} · ${list.total} in total`));
  const paging = [list.prev, list.next].filter((b) => b !== undefined);
  if ((opts.paging ?? true) && paging.length) blocks.push(...actionBlocks(paging));
  return blocks;
}

export function rowLine(list: ListView, row: ListRow): string {
  const [first, ...rest] = list.columns;
  if (!first) return '';
  const cell = (key: string) => {
    const v = safeMrkdwn(row.cells[key] ?? '', 300);
    return row.flagged?.includes(key) ? `${v} :warning:` : v;
  };
  const tone = row.tone ? `${TONE_EMOJI[row.tone]} ` : '';
  const head = `${tone}*${cell(first.key)}*`;
  if (rest.length === 1) return `${head} — ${cell(rest[0]!.key)}`;
  return [head, ...rest.map((c) => `${escapeMrkdwn(c.label)}: ${cell(c.key)}`)].join(' · ');
}

/** Widest a table cell is before it is cut with an ellipsis. */
const TABLE_CELL = 40;

/**
 * A table as aligned columns in code blocks (monospaced in Slack), as many sections as 3,000 characters each
 * need; padding is measured before escaping, since Slack shows `&amp;` as one character.
 */
function tableSections(list: ListView): KnownBlock[] {
  const t = paddedCells(list, (cell) => clipCell(cell.replace(/\s+/g, ' ').replace(/`/g, 'ˋ')));
  const line = (cells: string[]) => escapeMrkdwn(cells.join('  ').trimEnd());
  const head = [line(t.header), line(t.widths.map((w) => '─'.repeat(w)))];
  const sections: string[][] = [];
  for (const row of t.rows.map(line)) {
    const last = sections.at(-1);
    if (last && [...last, row].join('\n').length + 8 <= LIMITS.sectionText) last.push(row);
    else sections.push([...head, row]);
  }
  return sections.map((lines) => ({ type: 'section', text: mrkdwn(`\`\`\`${lines.join('\n')}\`\`\``) }));
}

function clipCell(s: string): string {
  return s.length <= TABLE_CELL ? s : `${s.slice(0, TABLE_CELL - 1)}…`;
}
