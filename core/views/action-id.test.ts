import fc from 'fast-check';
import { decodeListFilter, encodeListFilter } from '../conversation/list-filter-code';
import { decodeAction, encodeAction, MAX_ACTION_ID, type ActionRef } from './action-id';

describe('action ids', () => {
  it.each<ActionRef>([
    { kind: 'claim', queryId: 42 },
    { kind: 'rate', queryId: 7, rating: 5 },
    { kind: 'reply', queryId: 42 },
    { kind: 'waiting', queryId: 42 },
    { kind: 'pick', pendingId: 999_999_999, queryId: 999_999_999 },
    { kind: 'page', list: 'mine', page: 3, filter: 's=Open;c=2;f=2025-01-01' },
  ])('round-trips %j', (a) => {
    expect(decodeAction(encodeAction(a))).toEqual(a);
  });

  it('refuses crafted and foreign ids', () => {
    for (const id of [
      '',
      'claim|42',
      'cqms|claim|-1',
      'cqms|claim|4.2',
      'cqms|rate|1|6',
      'cqms|pick|1',
      'cqms|pick|0|3',
      'cqms|delete|1',
      'cqms|page|everyone|1|',
      'x'.repeat(200),
    ]) {
      expect(decodeAction(id)).toBeNull();
    }
  });

  it("carries the widest filter of every paged list within Discord's 100 characters", () => {
    const categories = Array.from({ length: 100 }, (_, i) => `Category ${i}`);
    const widest = {
      status: 'In Progress' as const,
      category: 'Category 99',
      from: '2026-01-01',
      to: '2026-12-31',
      agent: '#999999999',
      id: '#999999999',
    };
    const filter = encodeListFilter(widest, categories);
    for (const list of ['mine', 'queue', 'working', 'closed', 'all', 'sla', 'history', 'agents'] as const) {
      const id = encodeAction({ kind: 'page', list, page: 999_999_999, filter });
      expect(id.length).toBeLessThanOrEqual(MAX_ACTION_ID);
      const back = decodeAction(id);
      expect(back?.kind === 'page' && decodeListFilter(back.filter, categories)).toEqual(widest);
    }
  });

  it('never throws and stays within the platform limit', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => void decodeAction(s)));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), fc.integer({ min: 1, max: 5 }), (id, r) => {
        expect(encodeAction({ kind: 'rate', queryId: id, rating: r }).length).toBeLessThanOrEqual(MAX_ACTION_ID);
      }),
    );
  });
});
