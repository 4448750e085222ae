import { decodeAction } from './action-id';
import { pagedList, rowsPerPage } from './list-page';
import { piecesOf, shorten, SHORTENED_MARK } from './shorten';

const columns = [
  ['a', 'A'],
  ['b', 'B'],
] as const;
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ cells: { a: String(i + 1), b: 'x' } }));
const button = (page: number) => `cqms|page|sla|${page}|`;

describe('paged lists', () => {
  it('fits a page of worst-case cells in a Discord embed description (4,096) whatever the columns', () => {
    for (let columns = 1; columns <= 10; columns++) expect(rowsPerPage(columns) * columns * 65).toBeLessThan(4000);
    expect(rowsPerPage(7)).toBe(8);
    expect(rowsPerPage(6)).toBe(9);
  });

  it('shows one page with Previous and Next where there are neighbours, the last page for a page past the end', () => {
    const size = rowsPerPage(2);
    const first = pagedList('T', columns, rows(size * 2 + 1), 'none', undefined, button);
    expect(first).toMatchObject({ page: 1, pages: 3, total: size * 2 + 1 });
    expect(first.rows).toHaveLength(size);
    expect(first.prev).toBeUndefined();
    expect(decodeAction(first.next!.actionId)).toEqual({ kind: 'page', list: 'sla', page: 2, filter: '' });
    const middle = pagedList('T', columns, rows(size * 2 + 1), 'none', 2, button);
    expect([middle.prev?.actionId, middle.next?.actionId]).toEqual([button(1), button(3)]);
    const last = pagedList('T', columns, rows(size * 2 + 1), 'none', 99, button);
    expect(last.page).toBe(3);
    expect(last.rows.map((r) => r.cells.a)).toEqual([String(size * 2 + 1)]);
    expect(last.next).toBeUndefined();
    expect(pagedList('T', columns, [], 'none', 1, button)).toMatchObject({ page: 1, pages: 1, rows: [] });
  });
});

describe('shortened text', () => {
  it('keeps text that fits, cuts longer text at a space with the marker', () => {
    expect(shorten('short', 10)).toEqual({ text: 'short', shortened: false });
    expect(shorten('one two three four', 10)).toEqual({ text: `one two${SHORTENED_MARK}`, shortened: true });
    expect(shorten('😀'.repeat(12), 10).text).toBe(`${'😀'.repeat(10)}${SHORTENED_MARK}`);
  });

  it('splits the whole text into pieces that join back to it', () => {
    const text = `${'abc '.repeat(600)}\n${'x'.repeat(1500)}`;
    const pieces = piecesOf(text, 1000);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => Array.from(p).length <= 1000)).toBe(true);
    expect(piecesOf('', 1000)).toEqual(['']);
  });
});
