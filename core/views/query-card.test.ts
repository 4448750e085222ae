import { queryRecord } from '../../test/support/query-record';
import { decodeAction } from './action-id';
import { queryCard, wholeTextCards } from './query-card';
import { CARD_FIELD_MAX, CARD_TEXT_MAX, SHORTENED_MARK } from './shorten';

const base = queryRecord({ description: '<!channel> OTP never arrives', mobile: '12345', mobileValid: false });

const actions = (c: ReturnType<typeof queryCard>) => c.buttons.map((b) => decodeAction(b.actionId)?.kind);

describe('query card', () => {
  it('shows status, flags an invalid mobile and keeps user text as body', () => {
    const c = queryCard(base, { client: 'Alice' }, { kind: 'staff' });
    expect(c).toMatchObject({
      title: '#42 Cannot sign in',
      tone: 'open',
      status: 'Open',
      body: '<!channel> OTP never arrives',
      queryId: 42,
    });
    expect(c.fields.find((f) => f.label === 'Mobile')).toEqual({
      label: 'Mobile',
      value: '•2345 (invalid)',
      flagged: true,
      inline: true,
    });
  });

  it('masks the mobile on the support channel card only: the last 4 digits, the invalid flag kept', () => {
    const q = { ...base, mobile: '9876543210', mobileValid: true };
    const mobile = (c: ReturnType<typeof queryCard>) => c.fields.find((f) => f.label === 'Mobile')?.value;
    expect(mobile(queryCard(q, {}, { kind: 'staff' }))).toBe('••••••3210');
    expect(mobile(queryCard(base, {}, { kind: 'staff' }))).toBe('•2345 (invalid)');
    expect(mobile(queryCard(q, {}, { kind: 'client' }))).toBe('9876543210');
    expect(mobile(queryCard(q, {}, { kind: 'viewer', role: 'agent', userId: 6 }))).toBe('9876543210');
  });

  it('shortens a long description and note with a marker and a Show button; show gives the whole text', () => {
    const description = `${'word '.repeat(700)}END`;
    const note = 'n'.repeat(CARD_FIELD_MAX + 1);
    const q = {
      ...base,
      description,
      status: 'Closed' as const,
      assigneeId: 5,
      resolutionMs: 1000,
      resolutionNote: note,
    };
    const card = queryCard(q, {}, { kind: 'staff' });
    expect(Array.from(card.body!).length).toBeLessThanOrEqual(CARD_TEXT_MAX + SHORTENED_MARK.length);
    expect(card.body!.endsWith(SHORTENED_MARK)).toBe(true);
    expect(card.fields.find((f) => f.label === 'Resolution')?.value.endsWith(SHORTENED_MARK)).toBe(true);
    expect(actions(card)).toEqual(['show']);
    const whole = queryCard(q, {}, { kind: 'viewer', role: 'agent', userId: 5 }, { whole: true });
    expect(actions(whole)).not.toContain('show');
    expect(whole.fields.find((f) => f.label === 'Resolution')).toBeUndefined();
    const rest = wholeTextCards(q);
    expect([whole.body, ...rest.filter((c) => c.title.includes('description')).map((c) => c.body)].join('')).toBe(
      description,
    );
    expect(
      rest
        .filter((c) => c.title.includes('resolution note'))
        .map((c) => c.body)
        .join(''),
    ).toBe(note);
    expect(rest.map((c) => c.title)).toEqual([
      '#42 description (2 of 4)',
      '#42 description (3 of 4)',
      '#42 description (4 of 4)',
      '#42 resolution note (1 of 1)',
    ]);
    expect(actions(queryCard(base, {}, { kind: 'staff' }))).not.toContain('show');
  });

  it('offers each audience only the buttons it may press', () => {
    expect(actions(queryCard(base, {}, { kind: 'staff' }))).toEqual(['claim', 'reply', 'waiting']);
    expect(actions(queryCard(base, {}, { kind: 'client' }))).toEqual(['reply']);
    const working = { ...base, status: 'In Progress' as const, assigneeId: 5 };
    expect(actions(queryCard(working, {}, { kind: 'staff' }))).toEqual(['release', 'close', 'reply', 'waiting']);
    expect(actions(queryCard(working, {}, { kind: 'viewer', role: 'agent', userId: 6 }))).toEqual(['reply', 'waiting']);
    expect(actions(queryCard(working, {}, { kind: 'viewer', role: 'lead', userId: 7 }))).toEqual([
      'release',
      'reply',
      'waiting',
    ]);
    expect(actions(queryCard(working, {}, { kind: 'viewer', role: 'client', userId: 99 }))).toEqual([]);
    const waiting = { ...working, waitingSince: new Date('2026-03-03T10:30:00Z') };
    const waitingCard = queryCard(waiting, {}, { kind: 'staff' });
    expect(actions(waitingCard)).toEqual(['release', 'close', 'reply']);
    expect(waitingCard.fields.find((f) => f.label === 'Waiting on the client')?.value).toBe(
      'since 2026-03-03 10:30 UTC',
    );
    const closed = {
      ...base,
      status: 'Closed' as const,
      assigneeId: 5,
      resolutionMs: 7_200_000,
      resolutionNote: 'reset',
    };
    expect(actions(queryCard(closed, {}, { kind: 'client' }))).toEqual([
      'rate',
      'rate',
      'rate',
      'rate',
      'rate',
      'reopen',
    ]);
    expect(actions(queryCard(closed, {}, { kind: 'client' }, { rated: true }))).toEqual(['reopen']);
    expect(actions(queryCard(closed, {}, { kind: 'viewer', role: 'client', userId: 99 }))).toEqual([]);
    expect(queryCard(closed, {}, { kind: 'staff' }).fields.find((f) => f.label === 'Resolved in')?.value).toBe('2.0 h');
  });
});
