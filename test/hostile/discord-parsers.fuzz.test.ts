import type { APIInteraction } from 'discord.js';
import fc from 'fast-check';
import { parseInteraction } from '../../adapters/discord/parse-interaction';
import { fixture } from '../discord/discord-driver';
import { anyJson, expectNoLeak, fuzz, hostileText, mutated } from './hostile-support';

const FIXTURES = [
  'slash-command.json',
  'slash-new-attachment.json',
  'slash-assign-user.json',
  'autocomplete.json',
  'button.json',
  'dm-button.json',
  'modal-submit.json',
];

/** Never throws; an unsupported interaction says why, and carries who sent it whenever the payload names them. */
function parses(raw: unknown): void {
  const out = parseInteraction(raw as APIInteraction, 'cqms');
  if (out.kind === 'unsupported') {
    expect(out.reason).toMatch(/\S/);
    expectNoLeak(out.reason, 'log');
  } else {
    expect(typeof out.meta.user.userId).toBe('string');
    expect(typeof out.meta.token).toBe('string');
  }
}

describe('Discord interaction parsers under fuzzing', () => {
  it.each(FIXTURES)('parse %s with fields replaced or removed, without throwing', (name) => {
    fc.assert(fc.property(mutated(fixture(name)), parses), fuzz(150));
  });

  it('answer a sound envelope around malformed data (the sender is told), and drop a payload with no sender', () => {
    const button = fixture<Record<string, unknown>>('button.json');
    expect(
      parseInteraction({ ...button, data: { component_type: 2, custom_id: 42 } } as unknown as APIInteraction, 'cqms'),
    ).toMatchObject({
      kind: 'unsupported',
      meta: { user: { userId: '1200000000000000002' } },
      reason: 'malformed interaction: data.custom_id: Invalid input: expected string, received number',
    });
    expect(
      parseInteraction({ ...button, member: { user: { id: 7 } } } as unknown as APIInteraction, 'cqms'),
    ).toMatchObject({
      kind: 'unsupported',
      meta: null,
      reason: expect.stringMatching(/^malformed interaction: member\.user\.id/),
    });
  });

  it('parse any JSON, and interactions whose options, components and resolved maps are garbage', () => {
    const valid = fixture<Record<string, unknown> & { data: Record<string, unknown> }>('slash-new-attachment.json');
    const option = fc.record(
      {
        name: hostileText(10),
        type: fc.integer({ min: -1, max: 12 }),
        value: anyJson(),
        focused: fc.boolean(),
        options: anyJson(),
      },
      { requiredKeys: [] },
    );
    const data = fc.record(
      {
        type: fc.integer({ min: 0, max: 5 }),
        name: fc.constantFrom('cqms', 'other'),
        custom_id: fc.oneof(hostileText(), anyJson()),
        component_type: fc.integer({ min: 0, max: 20 }),
        options: fc.oneof(
          anyJson(),
          fc.array(
            fc.record({
              name: hostileText(10),
              type: fc.constantFrom(1, 2, 3),
              options: fc.oneof(fc.array(option, { maxLength: 4 }), anyJson()),
            }),
            { maxLength: 2 },
          ),
        ),
        resolved: fc.oneof(anyJson(), fc.record({ attachments: anyJson(), users: anyJson() })),
        components: fc.oneof(
          anyJson(),
          fc.array(fc.record({ type: fc.integer({ min: 0, max: 20 }), component: anyJson(), components: anyJson() }), {
            maxLength: 3,
          }),
        ),
      },
      { requiredKeys: [] },
    );
    const interaction = fc.record({ type: fc.integer({ min: 0, max: 6 }), data }).map((p) => ({ ...valid, ...p }));
    fc.assert(fc.property(fc.oneof(anyJson(), interaction), parses), fuzz(500));
  });
});
