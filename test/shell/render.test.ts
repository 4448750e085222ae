import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { painter } from '../../adapters/shell/ansi';
import { errorLine } from '../../adapters/shell/error-line';
import { renderCard } from '../../adapters/shell/render-card';
import { renderList } from '../../adapters/shell/render-list';
import { renderButtons, renderFieldPrompt, renderText } from '../../adapters/shell/render-text';
import { AlreadyClaimed, ValidationFailed } from '../../core/errors';
import type { CardView, ListView } from '../../core/views/view-model';
import { runScripted } from './shell-harness';

const ESC = '\u001b';
const plain = painter(false);
const colour = painter(true);
const strip = (s: string) => s.replace(/\u001b\[\d+m/g, '');

const card = (status: 'Open' | 'In Progress' | 'Closed', tone: CardView['tone']): CardView => ({
  kind: 'card',
  title: '#7 Card <b>declined</b>',
  body: 'Line one *not markdown*\n  indented <!channel> \u001b[2J',
  tone,
  status,
  fields: [
    { label: 'Status', value: status },
    { label: 'Mobile', value: '12345 (invalid)', flagged: true },
  ],
  buttons: [],
  footer: 'Raised on shell',
});

const list: ListView = {
  kind: 'list',
  title: 'Open queue (12)',
  columns: [
    { key: 'id', label: 'ID' },
    { key: 'status', label: 'Status' },
    { key: 'heading', label: 'Heading' },
  ],
  rows: [
    { cells: { id: '#1', status: 'Open', heading: 'short' }, tone: 'open' },
    { cells: { id: '#12', status: 'In Progress', heading: 'a\nsecond line' }, tone: 'progress' },
    { cells: { id: '#123', status: 'Closed', heading: 'x'.repeat(200) }, tone: 'closed', flagged: ['heading'] },
  ],
  page: 2,
  pages: 3,
  total: 12,
  empty: 'Nothing.',
};

describe('the shell text renderer', () => {
  it('colours a card by status (Open blue, In Progress yellow, Closed green), and not at all when colours are off', () => {
    expect(renderCard(card('Open', 'open'), colour)[0]).toContain(`${ESC}[34m[Open]${ESC}[39m`);
    expect(renderCard(card('In Progress', 'progress'), colour)[0]).toContain(`${ESC}[33m[In Progress]`);
    expect(renderCard(card('Closed', 'closed'), colour)[0]).toContain(`${ESC}[32m[Closed]`);
    expect(renderCard(card('Open', 'open'), plain).join('\n')).not.toContain(ESC);
  });

  it('shows the body verbatim (markup untouched, control characters made visible) and flags an invalid mobile', () => {
    const lines = renderCard(card('Open', 'open'), plain);
    expect(lines).toEqual([
      '#7 Card <b>declined</b> [Open]',
      '  Status: Open',
      '  Mobile: 12345 (invalid) ⚠',
      '  ────────────────────',
      '  Line one *not markdown*',
      '    indented <!channel> \\x1b[2J',
      '  Raised on shell',
    ]);
    expect(renderCard(card('Open', 'open'), colour).find((l) => l.includes('Mobile'))).toContain(
      `${ESC}[31m12345 (invalid) ⚠`,
    );
  });

  it('aligns list columns on the plain text, colours statuses, cuts long cells and says the page', () => {
    for (const paint of [plain, colour]) {
      const lines = renderList(list, paint).map(strip);
      const rows = lines.slice(3, 6);
      const at = (l: string, word: string) => l.indexOf(word);
      expect(new Set(rows.map((r, i) => at(r, ['Open', 'In Progress', 'Closed'][i]!)))).toEqual(
        new Set([at(lines[1]!, 'Status')]),
      );
      expect(new Set(rows.map((r, i) => at(r, ['short', 'a second line', 'xxx'][i]!)))).toEqual(
        new Set([at(lines[1]!, 'Heading')]),
      );
      expect(rows[2]!.endsWith('…')).toBe(true);
      expect(lines.at(-1)).toBe('  page 2 of 3 (12 in all)');
    }
    const coloured = renderList(list, colour);
    expect(coloured[3]).toContain(`${ESC}[34mOpen`);
    expect(coloured[4]).toContain(`${ESC}[33mIn Progress`);
    expect(coloured[5]).toContain(`${ESC}[32mClosed`);
    expect(coloured[5]).toContain(`${ESC}[31mxxx`);
    expect(renderList({ ...list, rows: [] }, plain)).toEqual(['Open queue (12)', '  Nothing.']);
  });

  it('numbers buttons, marks text by tone, and prompts form fields with their hints', () => {
    expect(
      renderButtons(
        [
          { label: 'Claim', actionId: 'a' },
          { label: 'Close', actionId: 'b', style: 'danger' },
        ],
        plain,
      ),
    ).toEqual(['[1] Claim  [2] Close']);
    expect(renderText({ kind: 'text', text: 'Done', tone: 'success' }, plain)).toEqual(['✓ Done']);
    expect(renderText({ kind: 'text', text: 'No', tone: 'danger' }, colour)[0]).toBe(`${ESC}[31m✗ No${ESC}[39m`);
    const select = renderFieldPrompt(
      {
        name: 'category',
        label: 'Category',
        type: 'select',
        required: true,
        options: ['A', 'B'],
        hint: 'What it is about',
      },
      plain,
    );
    expect(select).toEqual({
      lines: ['Category (What it is about)', '  1) A', '  2) B'],
      prompt: 'Category [1-2 or name]: ',
    });
    expect(
      renderFieldPrompt({ name: 'password', label: 'Password', type: 'secret', required: true }, plain).lines[0],
    ).toBe('Password (input is NOT masked)');
    expect(
      renderFieldPrompt({ name: 'mobile', label: 'Mobile', type: 'text', required: false, maxLength: 20 }, plain)
        .lines[0],
    ).toBe('Mobile (at most 20 characters; optional, Enter to skip)');
  });

  it("turns errors into one line: core's message, field issues named, anything else a reference only", () => {
    expect(errorLine(new AlreadyClaimed(4, { id: 1, name: 'Ann' }))).toBe('Query #4 is already claimed by Ann.');
    expect(
      errorLine(
        new ValidationFailed([
          { field: 'heading', message: 'heading is required' },
          { field: 'category', message: 'pick one' },
        ]),
      ),
    ).toBe('heading is required; category: pick one');
    const seen: unknown[] = [];
    const defect = new TypeError("Cannot read properties of undefined (reading 'id')");
    const line = errorLine(defect, (ref, e) => seen.push(ref, e));
    expect(line).toMatch(/^Something went wrong \(ref [0-9A-F]{4}\)\. Nothing was changed; please try again\.$/);
    expect(seen).toEqual([/\(ref ([0-9A-F]{4})\)/.exec(line)?.[1], defect]);
  });

  it('colours output on a terminal unless NO_COLOR is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cqms-colour-'));
    try {
      const env = { DATABASE_URL: `sqlite:${join(dir, 'c.db')}` };
      expect((await runScripted(['shell'], { ...env, NO_COLOR: '' }, ['/frob'], { tty: true })).out).toContain(
        `${ESC}[31m✗ Unknown shell command`,
      );
      expect((await runScripted(['shell'], { ...env, NO_COLOR: '1' }, ['/frob'], { tty: true })).out).not.toContain(
        ESC,
      );
      expect((await runScripted(['shell'], { ...env, NO_COLOR: '' }, ['/frob'])).out).not.toContain(ESC);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
