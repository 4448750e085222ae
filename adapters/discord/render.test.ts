import { DEFAULT_DESK_CONFIG } from '../../core/config/desk-config';
import { formFor } from '../../core/conversation/forms';
import type { ChartSpec } from '../../core/charts/chart-spec';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import { encodeAction, MAX_ACTION_ID } from '../../core/views/action-id';
import type { CardView, FormId, ListView, Reply } from '../../core/views/view-model';
import { TINY_PNG } from '../../test/support/png';
import { alwaysOpensForm, discordCommands } from './command-registration';
import { restPayload } from './discord-message';
import { modalFor, MODAL_MAX_COMPONENTS } from './modal';
import { decodeFormRef, encodeFormRef } from './modal-id';
import { embedSize, renderReply } from './render-reply';
import { findCommand } from '../../core/commands/catalog';
import { ValidationFailed } from '../../core/errors';
import { errorReply } from './error-reply';

const png: ChartRenderer = { render: async () => ({ png: TINY_PNG, width: 1, height: 1 }) };
const broken: ChartRenderer = { render: async () => Promise.reject(new Error('no canvas')) };
const render = (reply: Reply, charts = png, onChartError: (e: unknown) => void = () => undefined) =>
  renderReply(reply, { charts, onChartError });

const card = (over: Partial<CardView> = {}): CardView => ({
  kind: 'card',
  title: '#7 **Bold** claim',
  body: 'Paid twice @everyone ~~really~~',
  tone: 'open',
  status: 'Open',
  fields: [{ label: 'Mobile', value: '12345', flagged: true, inline: true }],
  buttons: [{ label: 'Claim', actionId: encodeAction({ kind: 'claim', queryId: 7 }), style: 'primary' }],
  queryId: 7,
  footer: 'Raised on discord',
  ...over,
});

const chart = (id: string): ChartSpec => ({
  kind: 'chart',
  id,
  title: `Chart ${id}`,
  altText: 'x'.repeat(1000),
  width: 800,
  height: 400,
  config: { type: 'bar', data: { labels: [], datasets: [] } },
});

describe('Discord renderers', () => {
  it('renders a card as an embed in its status colour, user text escaped, buttons beneath', async () => {
    const [m] = await render({ visibility: 'public', views: [card()] });
    expect(m!.embeds[0]).toMatchObject({
      title: '#7 \\*\\*Bold\\*\\* claim',
      description: 'Paid twice @everyone \\~\\~really\\~\\~',
      color: 0x3498db,
      fields: [{ name: 'Mobile', value: '⚠ 12345', inline: true }],
    });
    expect(m!.components).toEqual([
      { type: 1, components: [{ type: 2, style: 1, label: 'Claim', custom_id: 'cqms|claim|7' }] },
    ]);
    const closed = await render({ visibility: 'public', views: [card({ status: 'Closed' })] });
    expect(closed[0]!.embeds[0]!.color).toBe(0x2ecc71);
    expect(restPayload(m!).body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('gives each view with buttons a message of its own, and texts become the first content', async () => {
    const list: ListView = {
      kind: 'list',
      title: 'Your queries (12)',
      columns: [
        { key: 'id', label: 'ID' },
        { key: 'heading', label: 'Heading' },
      ],
      rows: [{ cells: { id: '#1', heading: 'a `tick` and *stars*' } }],
      page: 1,
      pages: 2,
      total: 12,
      next: { label: 'Next >', actionId: encodeAction({ kind: 'page', list: 'mine', page: 2, filter: '' }) },
      empty: 'none',
    };
    const messages = await render({
      visibility: 'ephemeral',
      views: [{ kind: 'text', text: 'Done', tone: 'success' }, card(), list],
    });
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ content: '✅ Done', ephemeral: true });
    expect(messages[1]!.embeds[0]).toMatchObject({
      title: 'Your queries (12)',
      footer: { text: 'Page 1 of 2 · 12 in all' },
    });
    expect(messages[1]!.embeds[0]!.description).toBe('*ID · Heading*\n`#1` a \\`tick\\` and \\*stars\\*');
  });

  it('attaches charts as PNG files shown as embed images, splitting past the per-message limits', async () => {
    const messages = await render({
      visibility: 'ephemeral',
      views: Array.from({ length: 12 }, (_, i) => chart(`c${i}`)),
    });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.embeds.length).toBeLessThanOrEqual(10);
      expect(m.files.length).toBeLessThanOrEqual(10);
      expect(m.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(6000);
      expect(m.embeds.map((e) => e.image?.url)).toEqual(m.files.map((f) => `attachment://${f.name}`));
    }
    const { files, body } = restPayload(messages[0]!);
    expect(files![0]).toMatchObject({ name: 'chart-c0.png', contentType: 'image/png' });
    expect(body.attachments).toEqual(messages[0]!.files.map((f, i) => ({ id: i, filename: f.name })));
  });

  it('keeps the numbers in words when a chart cannot be drawn', async () => {
    const errors: unknown[] = [];
    const [m] = await render({ visibility: 'ephemeral', views: [chart('x')] }, broken, (e) => errors.push(e));
    expect(m!.files).toEqual([]);
    expect(m!.embeds[0]!.footer?.text).toMatch(/could not be drawn/);
    expect(errors).toHaveLength(1);
  });
});

describe('Discord modals and command registration', () => {
  it('fits every form in a modal: a notice for unmasked fields, labelled inputs, ids under 100 characters', () => {
    for (const id of ['new', 'register', 'login', 'close'] as FormId[]) {
      const form = formFor(id, DEFAULT_DESK_CONFIG, id === 'close' ? 123456789 : undefined);
      const modal = modalFor(form, {
        categories: DEFAULT_DESK_CONFIG.categories,
        presets: { category: 'Bug Report' },
        uploadId: 'abcdef0123456789',
      });
      expect(modal.components.length).toBeLessThanOrEqual(MODAL_MAX_COMPONENTS);
      expect(modal.custom_id.length).toBeLessThanOrEqual(MAX_ACTION_ID);
      expect(modal.title.length).toBeLessThanOrEqual(45);
      expect(decodeFormRef(modal.custom_id)).toMatchObject({ formId: id });
    }
    const register = modalFor(formFor('register', DEFAULT_DESK_CONFIG), { categories: [] });
    expect(register.components[0]).toMatchObject({ type: 10, content: expect.stringMatching(/do not mask/) });
    expect(JSON.stringify(register)).toContain('Password (not masked)');
    const asked = modalFor(formFor('new', DEFAULT_DESK_CONFIG), {
      categories: DEFAULT_DESK_CONFIG.categories,
      presets: { category: 'Weather' },
    });
    expect(asked.components.map((c) => ('component' in c ? c.component : null))).toContainEqual(
      expect.objectContaining({ custom_id: 'category', value: 'Weather' }),
    );
  });

  it('round-trips modal ids and refuses foreign ones', () => {
    const id = encodeFormRef({ formId: 'new', categoryIndex: 3, uploadId: 'abcdef0123456789' });
    expect(decodeFormRef(id)).toEqual({ formId: 'new', categoryIndex: 3, uploadId: 'abcdef0123456789' });
    for (const bad of [
      'cqmsf|close|0||',
      'cqmsf|delete|1||',
      'cqms|close|1',
      'cqmsf|new||||extra',
      'cqmsf|new|||UPPER',
    ])
      expect(decodeFormRef(bad)).toBeNull();
  });

  it('registers choices while they fit Discord, autocomplete beyond 25 categories', () => {
    const many = Array.from({ length: 30 }, (_, i) => `Category ${i}`);
    const [cqms] = discordCommands({ categories: many });
    const category = cqms!.options!.find((o) => o.name === 'new')!;
    expect('options' in category && category.options?.[0]).toMatchObject({ name: 'category', autocomplete: true });
    expect(alwaysOpensForm(findCommand('new')!)).toBe(true);
    expect(alwaysOpensForm(findCommand('rate')!)).toBe(false);
  });
});

describe('Discord error replies', () => {
  it('names each field, keeps typed messages, and hides a defect behind a reference', () => {
    const issues = errorReply(
      new ValidationFailed([
        { field: 'heading', message: 'heading is required' },
        { field: 'mobile', message: 'must be 10 digits' },
      ]),
      () => undefined,
    );
    expect(issues).toEqual({
      visibility: 'ephemeral',
      views: [
        {
          kind: 'text',
          tone: 'warning',
          text: 'Please fix these fields:\n• heading is required\n• mobile: must be 10 digits',
        },
      ],
    });
    const defects: [string, unknown][] = [];
    const boom = new Error('ECONNRESET at /srv/cqms/adapters/x.ts:12');
    const said = errorReply(boom, (ref, e) => defects.push([ref, e]));
    const text = (said.views[0] as { text: string }).text;
    expect(text).toMatch(/^Something went wrong \(ref [0-9A-F]{4}\)\. Nothing was changed; please try again\.$/);
    expect(text).not.toMatch(/ECONNRESET|\.ts/);
    expect(defects).toEqual([[text.match(/ref ([0-9A-F]{4})/)![1], boom]]);
  });
});
