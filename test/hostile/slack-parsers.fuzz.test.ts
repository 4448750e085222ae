import fc from 'fast-check';
import { parseBlockActions } from '../../adapters/slack/parse-block-actions';
import { parseHomeOpened } from '../../adapters/slack/parse-home-opened';
import { parseSlashCommand } from '../../adapters/slack/parse-slash-command';
import { parseViewSubmission } from '../../adapters/slack/parse-view-submission';
import { fixture } from '../slack/slack-driver';
import { anyJson, expectNoLeak, fuzz, hostileText, mutated } from './hostile-support';

type Parsed = { kind: string; reason?: string };

/** Never throws; an unsupported payload says what was wrong with it, in words a log reader can act on. */
function checked(parse: (body: unknown) => Parsed, body: unknown): Parsed {
  const out = parse(body);
  if (out.kind === 'unsupported') {
    expect(out.reason).toMatch(/^\w[\w ]*: \S/);
    expectNoLeak(out.reason!, 'log');
  }
  return out;
}

/** A form body as Slack posts it, decoded the way Bolt decodes it (querystring: repeated keys become arrays). */
const formBody = (fields: fc.Arbitrary<Record<string, unknown>>) =>
  fields
    .map((f) =>
      Object.fromEntries(new URLSearchParams(Object.entries(f).map(([k, v]): [string, string] => [k, String(v)]))),
    )
    .map((f) => f as unknown);

describe('Slack payload parsers under fuzzing', () => {
  const slash = fixture<Record<string, string>>('slash-command.json');

  it('parse slash command form bodies of any shape without throwing', () => {
    const fields = fc.dictionary(
      fc.constantFrom(...Object.keys(slash), 'payload', 'ssl_check', '__proto__', 'constructor'),
      hostileText(),
      { maxKeys: 12 },
    );
    fc.assert(
      fc.property(fc.oneof(formBody(fields.map((f) => ({ ...slash, ...f }))), mutated(slash), anyJson()), (body) => {
        const out = checked(parseSlashCommand, body);
        if (out.kind === 'command')
          expect((out as unknown as { text: string }).text).toBe((out as unknown as { text: string }).text.trim());
      }),
      fuzz(250),
    );
  });

  it('parse block_actions, view_submission and app_home_opened payloads of any shape without throwing', () => {
    const cases: [string, (b: unknown) => Parsed][] = [
      ['block-actions.json', parseBlockActions],
      ['view-submission-new.json', parseViewSubmission],
      ['app-home-opened.json', (b) => ({ kind: parseHomeOpened(b) ? 'home' : 'none' })],
    ];
    for (const [name, parse] of cases) {
      fc.assert(
        fc.property(
          fc.oneof({ weight: 4, arbitrary: mutated(fixture(name)) }, { weight: 1, arbitrary: anyJson() }),
          (body) => void checked(parse, body),
        ),
        fuzz(300),
      );
    }
  });

  it('keep only well-formed file references and non-blank values from a submission', () => {
    const valid = fixture<{ view: { state: { values: Record<string, unknown> } } }>('view-submission-new.json');
    const fileLike = fc.record(
      {
        id: hostileText(10),
        name: hostileText(),
        mimetype: hostileText(),
        size: fc.oneof(fc.integer(), fc.double()),
        url_private_download: fc.oneof(fc.webUrl(), hostileText()),
      },
      { requiredKeys: [] },
    );
    const input = fc.oneof(
      fc.record({ type: fc.constant('file_input'), files: fc.array(fileLike, { maxLength: 3 }) }),
      fc.record({ type: fc.constant('plain_text_input'), value: fc.oneof(hostileText(), fc.constant(null)) }),
      fc.record({
        type: fc.constant('static_select'),
        selected_option: fc.oneof(fc.constant(null), fc.record({ value: hostileText() })),
      }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(hostileText(20), fc.dictionary(hostileText(10), input, { maxKeys: 2 }), { maxKeys: 5 }),
        (values) => {
          const out = checked(parseViewSubmission, {
            ...valid,
            view: { ...valid.view, state: { values } },
          }) as Parsed & {
            fields?: Record<string, string>;
            files?: Record<string, { url: string; size: number | null }[]>;
          };
          if (out.kind !== 'submit') return;
          for (const v of Object.values(out.fields!)) expect(v.trim()).not.toBe('');
          for (const refs of Object.values(out.files!))
            for (const f of refs) expect(() => new URL(f.url)).not.toThrow();
        },
      ),
      fuzz(300),
    );
  });
});
