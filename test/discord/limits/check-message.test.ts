import type { Json } from '../discord-ids';
import { checkMessage } from './check-message';
import type { Refusal } from './refusals';

const s = (n: number, c = 'x') => c.repeat(n);
const button = (id: string, label = 'Go') => ({ type: 2, style: 1, label, custom_id: id });
const row = (...components: Json[]) => ({ type: 1, components });
const select = (over: Json = {}) => ({ type: 3, custom_id: 'pick', options: [{ label: 'A', value: 'a' }], ...over });

/** The error leaf at a dotted path of a 50035 answer. */
function errorAt(r: Refusal | null, path: string): { code: string; message: string } | undefined {
  let node = r?.body.errors as Json | undefined;
  for (const key of path.split('.').filter(Boolean)) node = node?.[key] as Json | undefined;
  return (node?._errors as { code: string; message: string }[] | undefined)?.[0];
}

describe('the fake refuses message bodies as Discord does', () => {
  it('accepts maximal messages: 2,000 characters, 10 embeds of 6,000 in all, 10 files, 5 rows of 5 buttons', () => {
    const embeds = Array.from({ length: 10 }, (_, i) => ({ title: s(100), description: s(i === 0 ? 500 : 500) }));
    const rows = Array.from({ length: 5 }, (_, r) =>
      row(...Array.from({ length: 5 }, (_, b) => button(`${r}-${b}-${s(96)}`, s(80)))),
    );
    expect(
      checkMessage(
        { content: s(2000), embeds, components: rows, attachments: Array.from({ length: 10 }, (_, id) => ({ id })) },
        { files: 10 },
      ),
    ).toBeNull();
    expect(
      checkMessage(
        { embeds: [{ title: s(256), description: s(4096), footer: { text: s(1392) }, author: { name: s(256) } }] },
        { files: 0 },
      ),
    ).toBeNull();
    expect(
      checkMessage(
        { embeds: [{ fields: Array.from({ length: 25 }, () => ({ name: s(16), value: s(224) })) }] },
        { files: 0 },
      ),
    ).toBeNull();
    const options = Array.from({ length: 25 }, (_, i) => ({
      label: s(100),
      value: `${i}${s(98)}`,
      description: s(100),
    }));
    expect(checkMessage({ components: [row(select({ options, placeholder: s(150) }))] }, { files: 0 })).toBeNull();
  });

  const big = (over: Json) => ({ embeds: [{ title: 'ok', ...over }] });
  const cases: [string, Json, string, string][] = [
    ['content over 2,000', { content: s(2001) }, 'content', 'BASE_TYPE_MAX_LENGTH'],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 'a' })) }, 'embeds', 'BASE_TYPE_MAX_LENGTH'],
    ['embed title over 256', big({ title: s(257) }), 'embeds.0.title', 'BASE_TYPE_MAX_LENGTH'],
    ['embed description over 4,096', big({ description: s(4097) }), 'embeds.0.description', 'BASE_TYPE_MAX_LENGTH'],
    [
      '26 fields',
      big({ fields: Array.from({ length: 26 }, () => ({ name: 'a', value: 'b' })) }),
      'embeds.0.fields',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      'field name over 256',
      big({ fields: [{ name: s(257), value: 'b' }] }),
      'embeds.0.fields.0.name',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'field value over 1,024',
      big({ fields: [{ name: 'a', value: s(1025) }] }),
      'embeds.0.fields.0.value',
      'BASE_TYPE_BAD_LENGTH',
    ],
    ['empty field name', big({ fields: [{ name: '', value: 'b' }] }), 'embeds.0.fields.0.name', 'BASE_TYPE_REQUIRED'],
    ['empty field value', big({ fields: [{ name: 'a', value: '' }] }), 'embeds.0.fields.0.value', 'BASE_TYPE_REQUIRED'],
    ['footer over 2,048', big({ footer: { text: s(2049) } }), 'embeds.0.footer.text', 'BASE_TYPE_BAD_LENGTH'],
    ['author name over 256', big({ author: { name: s(257) } }), 'embeds.0.author.name', 'BASE_TYPE_BAD_LENGTH'],
    [
      'embeds over 6,000 in all',
      { embeds: [{ description: s(4000) }, { description: s(2001) }] },
      'embeds',
      'MAX_EMBED_SIZE_EXCEEDED',
    ],
    [
      '11 attachments',
      { content: 'a', attachments: Array.from({ length: 11 }, (_, id) => ({ id })) },
      'attachments',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      '6 action rows',
      { components: Array.from({ length: 6 }, (_, i) => row(button(`b${i}`))) },
      'components',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      '6 buttons in a row',
      { components: [row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`)))] },
      'components.0.components',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'a select beside a button',
      { components: [row(select(), button('b'))] },
      'components.0.components.0',
      'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
    ],
    [
      'custom_id over 100',
      { components: [row(button(s(101)))] },
      'components.0.components.0.custom_id',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'a custom_id used twice',
      { components: [row(button('same')), row(button('same'))] },
      'components.1.components.0.custom_id',
      'COMPONENT_CUSTOM_ID_DUPLICATED',
    ],
    [
      'button label over 80',
      { components: [row(button('b', s(81)))] },
      'components.0.components.0.label',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      '26 select options',
      {
        components: [row(select({ options: Array.from({ length: 26 }, (_, i) => ({ label: 'a', value: `v${i}` })) }))],
      },
      'components.0.components.0.options',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'option label over 100',
      { components: [row(select({ options: [{ label: s(101), value: 'a' }] }))] },
      'components.0.components.0.options.0.label',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'option value over 100',
      { components: [row(select({ options: [{ label: 'a', value: s(101) }] }))] },
      'components.0.components.0.options.0.value',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'option description over 100',
      { components: [row(select({ options: [{ label: 'a', value: 'a', description: s(101) }] }))] },
      'components.0.components.0.options.0.description',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      'placeholder over 150',
      { components: [row(select({ placeholder: s(151) }))] },
      'components.0.components.0.placeholder',
      'BASE_TYPE_MAX_LENGTH',
    ],
  ];

  it.each(cases)('refuses %s with 50035 naming the field', (_rule, body, path, code) => {
    const r = checkMessage(body, { files: 0 });
    expect(r).toMatchObject({ status: 400, body: { code: 50035, message: 'Invalid Form Body' } });
    expect(errorAt(r, path)).toMatchObject({ code });
  });

  it("answers in Discord's shape, the limit in the message", () => {
    expect(checkMessage({ embeds: [{ description: s(4097) }] }, { files: 0 })).toEqual({
      status: 400,
      body: {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          embeds: {
            '0': {
              description: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 4096 or fewer in length.' }] },
            },
          },
        },
      },
    });
    expect(errorAt(checkMessage({ content: s(2001) }, { files: 0, path: ['data'] }), 'data.content')?.message).toBe(
      'Must be 2000 or fewer in length.',
    );
  });

  it('refuses 11 files, and a message with nothing in it (50006), also when an edit would empty it', () => {
    expect(errorAt(checkMessage({ content: 'a' }, { files: 11 }), 'files')).toMatchObject({
      code: 'BASE_TYPE_MAX_LENGTH',
    });
    expect(checkMessage({ content: '', embeds: [], components: [] }, { files: 0 })).toEqual({
      status: 400,
      body: { code: 50006, message: 'Cannot send an empty message' },
    });
    expect(checkMessage({ components: [] }, { files: 0, result: { content: 'kept', components: [] } })).toBeNull();
    expect(
      checkMessage({ content: '' }, { files: 0, result: { content: '', embeds: [], components: [] } })?.body.code,
    ).toBe(50006);
    expect(checkMessage({}, { files: 1 })).toBeNull();
  });
});
