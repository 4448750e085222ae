import { pagedList, rowsPerPage } from '../../core/views/list-page';
import { LIMITS } from './discord-text';
import { listEmbed } from './render-list';

/** A full page of `columns` columns, every cell long and all markdown (each character escaped). */
function worstPage(columns: number) {
  const cols = Array.from({ length: columns }, (_, i) => [`c${i}`, `Column ${i}`] as const);
  const cell = '*_`|'.repeat(100);
  const rows = Array.from({ length: rowsPerPage(columns) * 3 }, () => ({
    cells: Object.fromEntries(cols.map(([k]) => [k, cell])),
    flagged: cols.map(([k]) => k),
  }));
  return pagedList('Worst', cols, rows, 'none', 2, (p) => `cqms|page|sla|${p}|`);
}

describe('a page of a list on Discord', () => {
  it.each([2, 3, 6, 7, 8])(
    'shows every row of a worst-case page of %i columns within the embed description',
    (columns) => {
      const page = worstPage(columns);
      const embed = listEmbed(page);
      expect(embed.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(embed.description).not.toMatch(/more on this page/);
      expect(embed.description!.split('\n')).toHaveLength(page.rows.length + 1);
    },
  );
});
