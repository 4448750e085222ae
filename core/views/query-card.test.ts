import { queryRecord } from '../../test/support/query-record';
import { decodeAction } from './action-id';
import { queryCard } from './query-card';

const base = queryRecord({ description: '<!channel> OTP never arrives', mobile: '12345', mobileValid: false });

const actions = (c: ReturnType<typeof queryCard>) => c.buttons.map((b) => decodeAction(b.actionId)?.kind);

describe('query card', () => {
  it('shows status, flags an invalid mobile and keeps user text as body', () => {
    const c = queryCard(base, { client: 'Alice' }, { kind: 'staff' });
    expect(c).toMatchObject({ title: '#42 Cannot sign in', tone: 'open', status: 'Open', body: '<!channel> OTP never arrives', queryId: 42 });
    expect(c.fields.find((f) => f.label === 'Mobile')).toEqual({ label: 'Mobile', value: '12345 (invalid)', flagged: true, inline: true });
  });

  it('offers each audience only the buttons it may press', () => {
    expect(actions(queryCard(base, {}, { kind: 'staff' }))).toEqual(['claim']);
    expect(actions(queryCard(base, {}, { kind: 'client' }))).toEqual([]);
    const working = { ...base, status: 'In Progress' as const, assigneeId: 5 };
    expect(actions(queryCard(working, {}, { kind: 'staff' }))).toEqual(['release', 'close']);
    expect(actions(queryCard(working, {}, { kind: 'viewer', role: 'agent', userId: 6 }))).toEqual([]);
    expect(actions(queryCard(working, {}, { kind: 'viewer', role: 'lead', userId: 7 }))).toEqual(['release']);
    const closed = { ...base, status: 'Closed' as const, assigneeId: 5, resolutionMs: 7_200_000, resolutionNote: 'reset' };
    expect(actions(queryCard(closed, {}, { kind: 'client' }))).toEqual(['rate', 'rate', 'rate', 'rate', 'rate', 'reopen']);
    expect(actions(queryCard(closed, {}, { kind: 'client' }, { rated: true }))).toEqual(['reopen']);
    expect(actions(queryCard(closed, {}, { kind: 'viewer', role: 'client', userId: 99 }))).toEqual([]);
    expect(queryCard(closed, {}, { kind: 'staff' }).fields.find((f) => f.label === 'Resolved in')?.value).toBe('2.0 h');
  });
});
