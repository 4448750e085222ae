import type { Actor } from '../domain/actor';
import type { QueryRecord } from '../domain/query';
import type { Role } from '../domain/roles';
import { NotAuthorized } from '../errors';
import { ACTION_PHRASES, type Action } from './actions';

type Condition = (actor: Actor, query: QueryRecord) => string | null;

interface Rule {
  roles: readonly Role[];
  /** Checked when the action targets a query; returns the refusal reason or null. */
  onQuery?: Condition;
}

const ownQuery: Condition = (a, q) => (q.clientId === a.userId ? null : 'You can only act on queries you raised.');
const ownQueryOrStaff: Condition = (a, q) =>
  a.role !== 'client' || q.clientId === a.userId ? null : 'You can only write on queries you raised.';
const clientOwnsOrStaff: Condition = (a, q) =>
  a.role !== 'client' || q.clientId === a.userId ? null : 'You can only see queries you raised.';
const assigneeOrLead: Condition = (a, q) =>
  a.role === 'lead' || q.assigneeId === a.userId
    ? null
    : `Only the assigned agent or a lead can release query #${q.id}.`;
const assigneeOnly: Condition = (a, q) =>
  q.assigneeId === a.userId ? null : `Only the agent working on query #${q.id} can close it.`;

const STAFF: readonly Role[] = ['agent', 'lead'];
const EVERYONE: readonly Role[] = ['client', 'agent', 'lead'];

/** The single table of who may do what; the authorization matrix test walks all of it. */
export const POLICY: Record<Action, Rule> = {
  'query.create': { roles: ['client'] },
  'query.view': { roles: EVERYONE, onQuery: clientOwnsOrStaff },
  'query.listOwn': { roles: ['client'] },
  'query.reopen': { roles: ['client'], onQuery: ownQuery },
  'query.review': { roles: ['client'], onQuery: ownQuery },
  'analytics.own': { roles: ['client'] },
  'query.queue': { roles: STAFF },
  'query.claim': { roles: STAFF },
  'query.release': { roles: STAFF, onQuery: assigneeOrLead },
  'query.close': { roles: STAFF, onQuery: assigneeOnly },
  /** Any staff member may answer (a colleague covering); a client only on a query they raised. */
  'query.reply': { roles: EVERYONE, onQuery: ownQueryOrStaff },
  'query.note': { roles: STAFF },
  'query.markWaiting': { roles: STAFF },
  'query.reassign': { roles: ['lead'] },
  'analytics.team': { roles: ['lead'] },
  'sla.view': { roles: ['lead'] },
  'query.export': { roles: ['lead'] },
  'users.manage': { roles: ['lead'] },
};

export function mayRole(role: Role, action: Action): boolean {
  return POLICY[action].roles.includes(role);
}

/** Throws NotAuthorized unless the actor may perform the action (on this query, when given). */
export function authorize(actor: Actor, action: Action, query?: QueryRecord): void {
  const rule = POLICY[action];
  if (!rule.roles.includes(actor.role)) throw new NotAuthorized(ACTION_PHRASES[action], actor.role);
  if (query && rule.onQuery) {
    const reason = rule.onQuery(actor, query);
    if (reason) throw new NotAuthorized(ACTION_PHRASES[action], actor.role, reason);
  }
}
