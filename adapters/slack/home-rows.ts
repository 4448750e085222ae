import type { CommandName } from '../../core/commands/catalog';
import { encodeAction } from '../../core/views/action-id';
import type { ListView } from '../../core/views/view-model';
import { LIMITS, type KnownBlock } from './block-kit';
import { escapeMrkdwn, mrkdwn } from './mrkdwn';
import { button, contextLine, textSections } from './render-parts';
import { rowLine } from './render-list';

/** The button each query row of an App Home list carries, by the command that drew the list. */
export const HOME_ROW_ACTIONS: Partial<Record<CommandName, { kind: 'claim' | 'show'; label: string }>> = {
  queue: { kind: 'claim', label: 'Claim' },
  mine: { kind: 'show', label: 'Open' },
  working: { kind: 'show', label: 'Open' },
  sla: { kind: 'show', label: 'Open' },
};

/**
 * A list of queries with a button on each row (a section with the row as text and the button beside it), so the
 * App Home acts, not only shows; core checks each press again.
 */
export function homeRows(
  list: ListView,
  action: { kind: 'claim' | 'show'; label: string },
  command: string,
): KnownBlock[] {
  const blocks: KnownBlock[] = textSections(`*${escapeMrkdwn(list.title)}*`);
  if (list.rows.length === 0) return [...blocks, ...textSections(escapeMrkdwn(list.empty))];
  for (const row of list.rows) {
    const text = mrkdwn(rowLine(list, row).slice(0, LIMITS.sectionText));
    if (row.queryId === undefined) blocks.push({ type: 'section', text });
    else
      blocks.push({
        type: 'section',
        text,
        accessory: button({
          label: `${action.label} #${row.queryId}`,
          actionId: encodeAction({ kind: action.kind, queryId: row.queryId }),
        }),
      });
  }
  if (list.pages > 1)
    blocks.push(
      contextLine(`Page ${list.page} of ${list.pages} · ${list.total} in total: the rest with \`/cqms ${command}\``),
    );
  return blocks;
}
