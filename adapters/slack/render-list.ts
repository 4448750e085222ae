import type { ListRow, ListView } from '../../core/views/view-model';
import { LIMITS, type KnownBlock } from './block-kit';
import { escapeMrkdwn, safeMrkdwn } from './mrkdwn';
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
  else blocks.push(...fitBlocks(textSections(list.rows.map((r) => rowLine(list, r)).join('\n')), MAX_ROW_SECTIONS, '… (shortened: more rows than one Slack message holds)'));
  if (list.pages > 1) blocks.push(contextLine(`Page ${list.page} of ${list.pages} · ${list.total} in total`));
  const paging = [list.prev, list.next].filter((b) => b !== undefined);
  if ((opts.paging ?? true) && paging.length) blocks.push(...actionBlocks(paging));
  return blocks;
}

function rowLine(list: ListView, row: ListRow): string {
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
