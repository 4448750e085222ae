import fc from 'fast-check';
import { queryRecord } from '../../test/support/query-record';
import { queryCard } from '../../core/views/query-card';
import type { CardView, ListView } from '../../core/views/view-model';
import { LIMITS } from './block-kit';
import { quickchartImageUrls } from './chart-images';
import { chunks, escapeMrkdwn, safeMrkdwn } from './mrkdwn';
import { messagesOf, renderReply } from './render-reply';
import { refusalOf } from '../../test/slack/block-kit-limits';

const unescapeMrkdwn = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('mrkdwn escaping', () => {
  it('keeps user text as typed and never as markup', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const e = escapeMrkdwn(s);
        expect(e).not.toMatch(/[<>]/);
        expect(unescapeMrkdwn(e)).toBe(s);
      }),
    );
    expect(escapeMrkdwn('<!channel> <@U1> <https://x|y> a&b')).toBe(
      '&lt;!channel&gt; &lt;@U1&gt; &lt;https://x|y&gt; a&amp;b',
    );
  });

  it('cuts to a limit without splitting an entity, and chunks rejoin whole', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 5, max: 120 }), (s, max) => {
        const cut = safeMrkdwn(s, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/&/);
        const parts = chunks(escapeMrkdwn(s), Math.max(max, 10));
        for (const p of parts) expect(p.length).toBeLessThanOrEqual(Math.max(max, 10));
      }),
    );
  });
});

describe('Block Kit rendering', () => {
  const q = queryRecord({
    heading: '<!here> pay',
    description: `${'x'.repeat(4000)} <@U1>`,
    mobile: '12345',
    mobileValid: false,
  });

  it('shortens a card past 50 blocks with a marker, keeping its buttons, and Slack takes it', () => {
    const base = queryCard(q, {}, { kind: 'staff' });
    const card: CardView = {
      ...base,
      fields: Array.from({ length: 80 }, (_, i) => ({ label: `L${i}`, value: '&'.repeat(4000), inline: false })),
    };
    const { blocks, text } = renderReply({ visibility: 'public', views: [card] });
    expect(blocks).toHaveLength(LIMITS.messageBlocks);
    expect(JSON.stringify(blocks.at(-2))).toContain(`… (shortened: /cqms show ${q.id} for the whole text)`);
    expect(blocks.at(-1)).toMatchObject({ type: 'actions' });
    expect(refusalOf('chat.update', { channel: 'C1', ts: '1.2', text, blocks })).toBeNull();
  });

  it('keeps a list of any length within one message, its paging buttons included, and Slack takes it', () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({
      cells: { id: `#${i}`, heading: '&<>'.repeat(40), category: '&'.repeat(300) },
    }));
    const list: ListView = {
      kind: 'list',
      title: 'SLA breaches',
      columns: [
        { key: 'id', label: 'ID' },
        { key: 'heading', label: 'Heading' },
        { key: 'category', label: 'Category' },
      ],
      rows,
      page: 1,
      pages: 2,
      total: 1200,
      empty: '',
      next: { label: 'Next >', actionId: 'cqms|page|sla|2|' },
    };
    const { blocks, text } = renderReply({ visibility: 'ephemeral', views: [list] });
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(JSON.stringify(blocks)).toContain('… (shortened: more rows than one Slack message holds)');
    expect(blocks.at(-1)).toMatchObject({ type: 'actions' });
    expect(refusalOf('chat.postEphemeral', { channel: 'C1', user: 'U1', text, blocks })).toBeNull();
  });

  it('sends no empty text, which Slack refuses', () => {
    const list: ListView = {
      kind: 'list',
      title: 'Nothing',
      columns: [{ key: 'id', label: 'ID' }],
      rows: [],
      page: 1,
      pages: 1,
      total: 0,
      empty: '',
    };
    const { blocks, text } = renderReply({ visibility: 'ephemeral', views: [list] });
    expect(refusalOf('chat.postEphemeral', { channel: 'C1', user: 'U1', text, blocks })).toBeNull();
  });

  it('renders a card within Slack limits, user text escaped, buttons from core', () => {
    const card = queryCard(q, { client: 'A & B' }, { kind: 'staff' });
    const { blocks, text } = renderReply({ visibility: 'public', views: [card] });
    const json = JSON.stringify(blocks);
    expect(json).not.toMatch(/<!here>|<@U1>/);
    expect(json).toContain('A &amp; B');
    expect(json).toContain(':warning: •2345 (invalid)');
    expect(text).toBe('#42 &lt;!here&gt; pay [Open]');
    for (const b of blocks) {
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      if (b.type === 'section' && b.fields) expect(b.fields.length).toBeLessThanOrEqual(LIMITS.sectionFields);
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    }
    expect(blocks.filter((b) => b.type === 'actions')).toHaveLength(1);
  });

  it('renders lists as lines with paging, sends charts and files beside the blocks, keeps forms apart', () => {
    const list: ListView = {
      kind: 'list',
      title: 'Your queries (12)',
      columns: [
        { key: 'id', label: 'ID' },
        { key: 'heading', label: 'Heading' },
        { key: 'mobile', label: 'Mobile' },
      ],
      rows: [{ cells: { id: '#1', heading: '<b>', mobile: '1' }, flagged: ['mobile'], tone: 'open' }],
      page: 1,
      pages: 2,
      total: 12,
      next: { label: 'Next >', actionId: 'cqms|page|mine|2|' },
      empty: 'none',
    };
    const chart = {
      kind: 'chart' as const,
      id: 'status-split',
      title: 'Open vs closed',
      altText: 'Open 1',
      width: 800,
      height: 400,
      config: { type: 'pie' as const, data: { labels: [], datasets: [] } },
    };
    const file = {
      kind: 'file' as const,
      title: '1 query',
      filename: 'q.csv',
      contentType: 'text/csv',
      data: new Uint8Array([65]),
    };
    const r = renderReply({
      visibility: 'ephemeral',
      views: [list, chart, file, { kind: 'form', formId: 'new', title: 'Raise', submitLabel: 'Go', fields: [] }],
    });
    expect(JSON.stringify(r.blocks)).toContain(':large_blue_circle: *#1* · Heading: &lt;b&gt; · Mobile: 1 :warning:');
    expect(JSON.stringify(r.blocks)).toContain('Page 1 of 2 · 12 in total');
    expect(r.charts.map((c) => c.id)).toEqual(['status-split']);
    expect(r.files.map((f) => f.filename)).toEqual(['q.csv']);
    expect(r.forms).toHaveLength(1);
    expect(
      renderReply({ visibility: 'ephemeral', views: [list] }, { paging: false }).blocks.some(
        (b) => b.type === 'actions',
      ),
    ).toBe(false);
    const imaged = renderReply(
      { visibility: 'ephemeral', views: [chart] },
      { chartImageUrl: () => 'https://qc.example/chart?c=1' },
    );
    expect(imaged.blocks[0]).toMatchObject({
      type: 'image',
      image_url: 'https://qc.example/chart?c=1',
      alt_text: 'Open 1',
    });
    expect(imaged.charts).toEqual([]);
  });

  it('points image blocks at a public QuickChart server, or uploads when the URL would be too long', () => {
    const url = quickchartImageUrls('https://charts.example.com/qc/');
    const spec = {
      kind: 'chart' as const,
      id: 'x',
      title: 'T',
      altText: 'a',
      width: 800,
      height: 400,
      config: { type: 'bar' as const, data: { labels: ['a'], datasets: [{ label: 'n', data: [1] }] } },
    };
    const link = new URL(url(spec)!);
    expect(`${link.origin}${link.pathname}`).toBe('https://charts.example.com/qc/chart');
    expect(JSON.parse(link.searchParams.get('c')!)).toEqual(spec.config);
    expect(link.searchParams.get('w')).toBe('800');
    const huge = {
      ...spec,
      config: { ...spec.config, data: { labels: Array.from({ length: 400 }, (_, i) => `label ${i}`), datasets: [] } },
    };
    expect(url(huge)).toBeNull();
  });

  it('splits replies longer than a message allows', () => {
    const cards: CardView[] = Array.from({ length: 12 }, (_, i) =>
      queryCard({ ...q, id: i + 1 }, {}, { kind: 'staff' }),
    );
    const { blocks } = renderReply({ visibility: 'ephemeral', views: cards });
    const messages = messagesOf(blocks);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.every((m) => m.length <= LIMITS.messageBlocks)).toBe(true);
    expect(messages.flat()).toHaveLength(blocks.length);
  });
});
