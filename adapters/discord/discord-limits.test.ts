import { DEFAULT_DESK_CONFIG } from '../../core/config/desk-config';
import { formFor } from '../../core/conversation/forms';
import { ValidationFailed } from '../../core/errors';
import { DESCRIPTION_MAX, HEADING_MAX } from '../../core/schemas/query-input';
import { encodeAction } from '../../core/views/action-id';
import type { CardView, FormId, Reply } from '../../core/views/view-model';
import { checkCallback } from '../../test/discord/limits/check-callback';
import { checkCommands } from '../../test/discord/limits/check-commands';
import { checkMessage } from '../../test/discord/limits/check-message';
import { FormErrors } from '../../test/discord/limits/form-errors';
import { TINY_PNG } from '../../test/support/png';
import { discordCommands } from './command-registration';
import { restPayload } from './discord-message';
import { plain, shorten } from './discord-text';
import { embedSize, fitEmbed } from './fit-embed';
import { modalFor } from './modal';
import { renderReply } from './render-reply';

const GROWS = '*_~|>`';
const worst = (n: number) => GROWS.repeat(Math.ceil(n / GROWS.length)).slice(0, n);
const render = (reply: Reply) =>
  renderReply(reply, {
    charts: { render: async () => ({ png: TINY_PNG, width: 1, height: 1 }) },
    onChartError: () => undefined,
  });
/** What the faithful fake answers this message (null: accepted). */
const refusal = (m: Parameters<typeof restPayload>[0]) => {
  const { body, files } = restPayload(m);
  return checkMessage(body as never, { files: files?.length ?? 0 });
};

describe('Discord text and embeds within limits, whatever the content', () => {
  it('shortens with a marker, never splitting an emoji nor leaving an escaping backslash', () => {
    expect(shorten('abcdef', 6)).toBe('abcdef');
    expect(shorten('abcdefg', 6)).toBe('abcde…');
    expect(shorten('abcd😀xyz', 6)).toBe('abcd…');
    expect(shorten('abc\\*def', 5)).toBe('abc…');
    expect(shorten('x'.repeat(50), 20, '… (more)')).toBe(`${'x'.repeat(12)}… (more)`);
    // Measured after escaping: 120 markdown characters become 220 (a `>` quotes only at the start of a line).
    expect(plain(worst(HEADING_MAX), 256)).toHaveLength(220);
    expect(plain('# Title\n> quote [link](x) ||spoiler||', 100)).toBe(
      '\\# Title\n\\> quote \\[link\\](x) \\|\\|spoiler\\|\\|',
    );
    expect(plain(worst(4000), 4096, '… (shortened)').length).toBe(4096);
  });

  it('fits an embed into 6,000 characters: description first, then the longest fields; blanks never sent', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({
      name: i === 0 ? '' : `Field ${i}`,
      value: i === 1 ? '' : 'v'.repeat(2000),
    }));
    const e = fitEmbed(
      { title: 't'.repeat(300), description: 'd'.repeat(5000), fields, footer: { text: 'f'.repeat(3000) } },
      '… (see all)',
    );
    expect(embedSize(e)).toBeLessThanOrEqual(6000);
    expect(e.title).toHaveLength(256);
    expect(e.fields!.length).toBeLessThanOrEqual(25);
    expect(e.fields![0]!.name).toBe('\u200b');
    expect(e.fields![1]!.value).toBe('\u200b');
    expect(e.footer!.text).toHaveLength(2048);
    expect(checkMessage({ embeds: [e] }, { files: 0 })).toBeNull();
    expect(fitEmbed({ title: 'a', description: 'b' })).toEqual({ title: 'a', description: 'b' });
  });

  it('renders a worst-case card Discord accepts, its body cut with where to read it whole', async () => {
    const card: CardView = {
      kind: 'card',
      title: `#123456 ${worst(HEADING_MAX)}`,
      body: `${'😀'.repeat(100)}${worst(DESCRIPTION_MAX - 200)}`,
      tone: 'closed',
      status: 'Closed',
      fields: Array.from({ length: 25 }, (_, i) => ({ label: worst(300), value: `${i} ${worst(4000)}` })),
      buttons: Array.from({ length: 30 }, (_, i) => ({
        label: worst(100),
        actionId: encodeAction({ kind: 'claim', queryId: i + 1 }),
      })),
      queryId: 123456,
      footer: worst(3000),
    };
    const messages = await render({
      visibility: 'public',
      views: [
        card,
        {
          kind: 'stats',
          title: worst(300),
          figures: Array.from({ length: 30 }, () => ({ label: '', value: worst(2000) })),
        },
        { kind: 'text', text: worst(3000), tone: 'info' },
      ],
    });
    for (const m of messages) expect(refusal(m)).toBeNull();
    expect(messages[0]!.embeds[0]!.description).toMatch(/… \(shortened: \/cqms show 123456 for the whole text\)$/);
  });
});

describe('every core form opens as a modal Discord accepts', () => {
  const long = Array.from({ length: 30 }, (_, i) => `${i} ${worst(62)}`);
  for (const categories of [DEFAULT_DESK_CONFIG.categories, long]) {
    for (const id of ['new', 'register', 'login', 'close'] as FormId[]) {
      it(`${id} with ${categories.length} categories, asked or preset`, () => {
        const form = formFor(id, { ...DEFAULT_DESK_CONFIG, categories }, id === 'close' ? 999_999_999 : undefined);
        for (const presets of [{}, { category: categories[1]! }]) {
          const data = modalFor(form, { categories, presets, uploadId: 'abcdef0123456789abcdef01' });
          expect(checkCallback({ type: 9, data: data as never }, 0, undefined)).toBeNull();
        }
      });
    }
  }

  it("the new-query form asks category, heading, description and mobile; the screenshot is the command's attachment option", () => {
    const data = modalFor(formFor('new', DEFAULT_DESK_CONFIG), { categories: DEFAULT_DESK_CONFIG.categories });
    expect(data.components.map((c) => ('component' in c ? c.component.custom_id : c.type))).toEqual([
      'category',
      'heading',
      'description',
      'mobile',
    ]);
    const [cqms] = discordCommands(DEFAULT_DESK_CONFIG);
    const sub = cqms!.options!.find((o) => o.name === 'new') as { options: { name: string; type: number }[] };
    expect(sub.options.find((o) => o.name === 'screenshot')).toMatchObject({ type: 11 });
  });
});

describe('command registration Discord accepts', () => {
  const check = (categories: readonly string[]) => {
    const errors = new FormErrors();
    checkCommands(errors, discordCommands({ categories }));
    return errors.tree;
  };

  it('from the catalog, with the default, 30 or 100-character categories', () => {
    expect(check(DEFAULT_DESK_CONFIG.categories)).toEqual({});
    expect(check(Array.from({ length: 30 }, (_, i) => `${i}`.padEnd(100, 'c')))).toEqual({});
  });

  it('refuses a category Discord cannot offer as a choice, naming it', () => {
    expect(() => discordCommands({ categories: ['Bug Report', 'c'.repeat(101)] })).toThrow(ValidationFailed);
    expect(() => discordCommands({ categories: ['c'.repeat(101)] })).toThrow(
      /is 101 characters; Discord offers choices of at most 100/,
    );
  });
});
