import { pagedList, rowsPerPage } from '../../core/views/list-page';
import { LIMITS } from './block-kit';
import { listBlocks } from './render-list';

describe('a page of a list on Slack', () => {
  it.each([2, 3, 6, 7, 8])('fits a worst-case page of %i columns in one message', (columns) => {
    const cols = Array.from({ length: columns }, (_, i) => [`c${i}`, `Column ${i}`] as const);
    const cell = '&<>'.repeat(200);
    const rows = Array.from({ length: rowsPerPage(columns) * 3 }, () => ({
      cells: Object.fromEntries(cols.map(([k]) => [k, cell])),
      flagged: cols.map(([k]) => k),
    }));
    const blocks = listBlocks(pagedList('Worst', cols, rows, 'none', 2, (p) => `cqms|page|sla|${p}|`));
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    for (const b of blocks)
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(blocks.filter((b) => b.type === 'actions')).toHaveLength(1);
  });
});
