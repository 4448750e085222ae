/** Every action a user can attempt; the authorization policy decides each one. */
export const ACTIONS = [
  'query.create',
  'query.view',
  'query.listOwn',
  'query.reopen',
  'query.review',
  'analytics.own',
  'query.queue',
  'query.claim',
  'query.release',
  'query.close',
  'query.reply',
  'query.note',
  'query.markWaiting',
  'query.reassign',
  'analytics.team',
  'sla.view',
  'query.export',
  'users.manage',
] as const;

export type Action = (typeof ACTIONS)[number];

/** Human wording for refusals: "A client may not claim a query." */
export const ACTION_PHRASES: Record<Action, string> = {
  'query.create': 'raise a query',
  'query.view': 'see this query',
  'query.listOwn': 'list their own queries',
  'query.reopen': 'reopen this query',
  'query.review': 'rate this query',
  'analytics.own': 'see their own statistics',
  'query.queue': 'see the support queue',
  'query.claim': 'claim a query',
  'query.release': 'release this query',
  'query.close': 'close this query',
  'query.reply': 'write to the client on this query',
  'query.note': 'write internal notes',
  'query.markWaiting': 'mark a query as waiting on the client',
  'query.reassign': 'assign queries to agents',
  'analytics.team': 'see team analytics',
  'sla.view': 'see SLA breaches',
  'query.export': 'export queries',
  'users.manage': 'manage users',
};
