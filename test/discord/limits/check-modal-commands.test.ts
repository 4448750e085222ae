import type { Json } from '../discord-ids';
import { checkCallback } from './check-callback';
import { checkCommands } from './check-commands';
import { FormErrors } from './form-errors';
import type { Refusal } from './refusals';
import { invalidFormBody } from './refusals';

const s = (n: number, c = 'x') => c.repeat(n);

function errorAt(r: Refusal | null, path: string): { code: string; message: string } | undefined {
  let node = r?.body.errors as Json | undefined;
  for (const key of path.split('.').filter(Boolean)) node = node?.[key] as Json | undefined;
  return (node?._errors as { code: string; message: string }[] | undefined)?.[0];
}

const input = (over: Json = {}) => ({ type: 4, custom_id: `in-${Math.random()}`, style: 2, ...over });
const label = (over: Json = {}, component: Json = input()) => ({ type: 18, label: 'Heading', component, ...over });
const modal = (over: Json = {}) => ({
  type: 9,
  data: { custom_id: 'cqmsf|new', title: 'Raise a query', components: [label()], ...over },
});

describe('the fake refuses modals as Discord does', () => {
  it('accepts a maximal modal: title 45, five labelled inputs of 4,000, text display of 4,000', () => {
    const inputs = Array.from({ length: 4 }, (_, i) =>
      label(
        { label: s(45), description: s(100) },
        input({ custom_id: `${i}${s(99)}`, min_length: 4000, max_length: 4000, placeholder: s(100), value: s(4000) }),
      ),
    );
    expect(
      checkCallback(
        { type: 9, data: { custom_id: s(100), title: s(45), components: [{ type: 10, content: s(4000) }, ...inputs] } },
        0,
        undefined,
      ),
    ).toBeNull();
    expect(
      checkCallback(modal({ components: [{ type: 1, components: [input({ label: s(45) })] }] }), 0, undefined),
    ).toBeNull();
  });

  const cases: [string, Json, string, string][] = [
    ['title over 45', modal({ title: s(46) }), 'data.title', 'BASE_TYPE_BAD_LENGTH'],
    ['custom_id over 100', modal({ custom_id: s(101) }), 'data.custom_id', 'BASE_TYPE_BAD_LENGTH'],
    ['no components', modal({ components: [] }), 'data.components', 'BASE_TYPE_BAD_LENGTH'],
    [
      '6 components',
      modal({ components: Array.from({ length: 6 }, () => label()) }),
      'data.components',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'a row of two inputs',
      modal({ components: [{ type: 1, components: [input({ label: 'a' }), input({ label: 'b' })] }] }),
      'data.components.0.components',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'a button in a modal',
      modal({ components: [{ type: 1, components: [{ type: 2, style: 1, label: 'a', custom_id: 'b' }] }] }),
      'data.components.0.components.0.type',
      'UNION_TYPE_CHOICES',
    ],
    [
      'label over 45',
      modal({ components: [label({ label: s(46) })] }),
      'data.components.0.label',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'label description over 100',
      modal({ components: [label({ description: s(101) })] }),
      'data.components.0.description',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      'a row input label over 45',
      modal({ components: [{ type: 1, components: [input({ label: s(46) })] }] }),
      'data.components.0.components.0.label',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'input custom_id over 100',
      modal({ components: [label({}, input({ custom_id: s(101) }))] }),
      'data.components.0.component.custom_id',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'two inputs with one custom_id',
      modal({ components: [label({}, input({ custom_id: 'a' })), label({}, input({ custom_id: 'a' }))] }),
      'data.components.1.component.custom_id',
      'COMPONENT_CUSTOM_ID_DUPLICATED',
    ],
    [
      'placeholder over 100',
      modal({ components: [label({}, input({ placeholder: s(101) }))] }),
      'data.components.0.component.placeholder',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      'max_length over 4,000',
      modal({ components: [label({}, input({ max_length: 4001 }))] }),
      'data.components.0.component.max_length',
      'NUMBER_TYPE_MAX',
    ],
    [
      'max_length 0',
      modal({ components: [label({}, input({ max_length: 0 }))] }),
      'data.components.0.component.max_length',
      'NUMBER_TYPE_MIN',
    ],
    [
      'min_length over 4,000',
      modal({ components: [label({}, input({ min_length: 4001 }))] }),
      'data.components.0.component.min_length',
      'NUMBER_TYPE_MAX',
    ],
    [
      'min_length below 0',
      modal({ components: [label({}, input({ min_length: -1 }))] }),
      'data.components.0.component.min_length',
      'NUMBER_TYPE_MIN',
    ],
    [
      'value over 4,000',
      modal({ components: [label({}, input({ value: s(4001) }))] }),
      'data.components.0.component.value',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      'value over its max_length',
      modal({ components: [label({}, input({ max_length: 10, value: s(11) }))] }),
      'data.components.0.component.value',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      'text display over 4,000',
      modal({ components: [{ type: 10, content: s(4001) }] }),
      'data.components.0.content',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'autocomplete: 26 choices',
      { type: 8, data: { choices: Array.from({ length: 26 }, (_, i) => ({ name: `${i}`, value: i })) } },
      'data.choices',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      'autocomplete: choice name over 100',
      { type: 8, data: { choices: [{ name: s(101), value: 1 }] } },
      'data.choices.0.name',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'autocomplete: string value over 100',
      { type: 8, data: { choices: [{ name: 'a', value: s(101) }] } },
      'data.choices.0.value',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      'a message callback over the limits',
      { type: 4, data: { content: s(2001) } },
      'data.content',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      'an update over the limits',
      { type: 7, data: { embeds: [{ title: s(257) }] } },
      'data.embeds.0.title',
      'BASE_TYPE_MAX_LENGTH',
    ],
  ];

  it.each(cases)('refuses %s with 50035 naming the field', (_rule, body, path, code) => {
    const r = checkCallback(body, 0, { content: 'on the message' });
    expect(r?.body.code).toBe(50035);
    expect(errorAt(r, path)).toMatchObject({ code });
  });

  it('refuses an empty reply (50006); deferrals carry no message', () => {
    expect(checkCallback({ type: 4, data: { content: '' } }, 0, undefined)?.body.code).toBe(50006);
    expect(checkCallback({ type: 7, data: { components: [] } }, 0, { content: 'kept' })).toBeNull();
    expect(checkCallback({ type: 5, data: { flags: 64 } }, 0, undefined)).toBeNull();
    expect(checkCallback({ type: 6 }, 0, undefined)).toBeNull();
  });
});

describe('the fake refuses command registrations as Discord does', () => {
  const opt = (over: Json = {}) => ({ type: 3, name: 'text', description: 'Some text', ...over });
  const sub = (over: Json = {}) => ({ type: 1, name: 'new', description: 'Raise a query', options: [opt()], ...over });
  const cmd = (over: Json = {}) => ({ type: 1, name: 'cqms', description: 'CQMS', options: [sub()], ...over });
  const check = (body: unknown) => {
    const errors = new FormErrors();
    checkCommands(errors, body);
    return errors.empty ? null : invalidFormBody(errors);
  };

  it('accepts a maximal command: 25 subcommands of 25 options, 25 choices of 100', () => {
    const choices = Array.from({ length: 25 }, (_, i) => ({ name: s(100), value: `${i}`.padEnd(100, 'v') }));
    const options = Array.from({ length: 25 }, (_, i) =>
      opt({
        name: `o${i}-${s(28)}`,
        description: s(100),
        required: i < 3,
        ...(i === 0 ? { choices } : {}),
        max_length: 6000,
      }),
    );
    const subs = Array.from({ length: 25 }, (_, i) => sub({ name: `s${i}`, options }));
    expect(check([cmd({ name: s(32, 'q'), description: s(100), options: subs }), cmd({ name: 'zé-ça_2' })])).toBeNull();
  });

  const cases: [string, Json, string, string][] = [
    ['name over 32', cmd({ name: s(33) }), '0.name', 'STRING_TYPE_REGEX'],
    ['an empty name', cmd({ name: '' }), '0.name', 'STRING_TYPE_REGEX'],
    ['a name with a space', cmd({ name: 'my cmd' }), '0.name', 'STRING_TYPE_REGEX'],
    ['a name in capitals', cmd({ name: 'Cqms' }), '0.name', 'APPLICATION_COMMAND_INVALID_NAME'],
    ['an empty description', cmd({ description: '' }), '0.description', 'BASE_TYPE_REQUIRED'],
    ['description over 100', cmd({ description: s(101) }), '0.description', 'BASE_TYPE_BAD_LENGTH'],
    [
      '26 subcommands',
      cmd({ options: Array.from({ length: 26 }, (_, i) => sub({ name: `s${i}` })) }),
      '0.options',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      '26 options',
      cmd({ options: [sub({ options: Array.from({ length: 26 }, (_, i) => opt({ name: `o${i}` })) })] }),
      '0.options.0.options',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      'a subcommand name in capitals',
      cmd({ options: [sub({ name: 'New' })] }),
      '0.options.0.name',
      'APPLICATION_COMMAND_INVALID_NAME',
    ],
    [
      'option description over 100',
      cmd({ options: [sub({ options: [opt({ description: s(101) })] })] }),
      '0.options.0.options.0.description',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      '26 choices',
      cmd({
        options: [
          sub({
            options: [opt({ choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` })) })],
          }),
        ],
      }),
      '0.options.0.options.0.choices',
      'BASE_TYPE_MAX_LENGTH',
    ],
    [
      'choice name over 100',
      cmd({ options: [sub({ options: [opt({ choices: [{ name: s(101), value: 'a' }] })] })] }),
      '0.options.0.options.0.choices.0.name',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'choice value over 100',
      cmd({ options: [sub({ options: [opt({ choices: [{ name: 'a', value: s(101) }] })] })] }),
      '0.options.0.options.0.choices.0.value',
      'BASE_TYPE_BAD_LENGTH',
    ],
    [
      'a required option after an optional one',
      cmd({ options: [sub({ options: [opt({ name: 'a' }), opt({ name: 'b', required: true })] })] }),
      '0.options.0.options.1',
      'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
    ],
    [
      'subcommands mixed with options',
      cmd({ options: [sub(), opt()] }),
      '0.options.1.type',
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
    ],
  ];

  it.each(cases)('refuses %s with 50035 naming the field', (_rule, command, path, code) => {
    const r = check([command]);
    expect(r?.body.code).toBe(50035);
    expect(errorAt(r, path)).toMatchObject({ code });
  });
});
