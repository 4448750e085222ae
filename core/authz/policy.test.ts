import type { Actor } from '../domain/actor';
import type { QueryRecord } from '../domain/query';
import type { Role } from '../domain/roles';
import { NotAuthorized } from '../errors';
import { ACTIONS, type Action } from './actions';
import { authorize } from './policy';
import { queryRecord } from '../../test/support/query-record';

const actor = (role: Role, userId: number): Actor => ({
  userId,
  username: `${role}${userId}`,
  role,
  platform: 'shell',
});

const query = (over: Partial<QueryRecord>) => queryRecord({ id: 7, status: 'In Progress', assigneeId: 2, ...over });

// Users in the matrix: 1 = the client who raised the query, 9 = another client,
// 2 = the assigned agent, 3 = another agent, 4 = a lead not assigned.
const CASES: Array<[string, Actor]> = [
  ['owner client', actor('client', 1)],
  ['other client', actor('client', 9)],
  ['assigned agent', actor('agent', 2)],
  ['other agent', actor('agent', 3)],
  ['lead', actor('lead', 4)],
];

// Written out by hand from the specification, not derived from the policy table.
const EXPECTED: Record<Action, [boolean, boolean, boolean, boolean, boolean]> = {
  'query.create': [true, true, false, false, false],
  'query.view': [true, false, true, true, true],
  'query.listOwn': [true, true, false, false, false],
  'query.reopen': [true, false, false, false, false],
  'query.review': [true, false, false, false, false],
  'analytics.own': [true, true, false, false, false],
  'query.queue': [false, false, true, true, true],
  'query.claim': [false, false, true, true, true],
  'query.release': [false, false, true, false, true],
  'query.close': [false, false, true, false, false],
  'query.reply': [true, false, true, true, true],
  'query.note': [false, false, true, true, true],
  'query.markWaiting': [false, false, true, true, true],
  'query.reassign': [false, false, false, false, true],
  'analytics.team': [false, false, false, false, true],
  'sla.view': [false, false, false, false, true],
  'query.export': [false, false, false, false, true],
  'users.manage': [false, false, false, false, true],
};

describe('authorization matrix: every action x every role', () => {
  it('covers every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  const rows = ACTIONS.flatMap((action) =>
    CASES.map(([who, a], i) => ({ action, who, a, allowed: EXPECTED[action][i] })),
  );
  it.each(rows)('$action by $who -> allowed=$allowed', ({ action, a, allowed }) => {
    const run = () => authorize(a, action, query({}));
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(NotAuthorized);
  });

  it('names the role and action in the refusal', () => {
    expect(() => authorize(actor('client', 1), 'query.claim')).toThrow('A client may not claim a query.');
  });

  it('lets a lead release a query assigned to someone else but not close it', () => {
    expect(() => authorize(actor('lead', 4), 'query.release', query({ assigneeId: 2 }))).not.toThrow();
    expect(() => authorize(actor('lead', 4), 'query.close', query({ assigneeId: 2 }))).toThrow(
      /Only the agent working/,
    );
    expect(() => authorize(actor('lead', 4), 'query.close', query({ assigneeId: 4 }))).not.toThrow();
  });
});
