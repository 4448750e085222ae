import type { QueryInterface } from 'sequelize';
import * as m001 from './001-initial-schema';
import * as m002 from './002-message-refs';
import * as m003 from './003-idempotency-keys';
import * as m004 from './004-outbox';
import * as m005 from './005-sla-alerts';
import * as m006 from './006-sla-sweep-index';
import * as m007 from './007-outbox-done-at';
import * as m008 from './008-message-ref-version';
import * as m009 from './009-bulk-load-index-stash';
import * as m010 from './010-login-attempts';
import * as m011 from './011-queue-holders';
import * as m012 from './012-card-claims';
import * as m013 from './013-conversation';
import * as m014 from './014-conversation-analytics-index';

export interface Migration {
  name: string;
  up(params: { context: QueryInterface }): Promise<void>;
  down(params: { context: QueryInterface }): Promise<void>;
}

/** In order; a listed migration is never edited once released, only followed by a new one. */
export const MIGRATIONS: Migration[] = [
  { name: '001-initial-schema', ...m001 },
  { name: '002-message-refs', ...m002 },
  { name: '003-idempotency-keys', ...m003 },
  { name: '004-outbox', ...m004 },
  { name: '005-sla-alerts', ...m005 },
  { name: '006-sla-sweep-index', ...m006 },
  { name: '007-outbox-done-at', ...m007 },
  { name: '008-message-ref-version', ...m008 },
  { name: '009-bulk-load-index-stash', ...m009 },
  { name: '010-login-attempts', ...m010 },
  { name: '011-queue-holders', ...m011 },
  { name: '012-card-claims', ...m012 },
  { name: '013-conversation', ...m013 },
  { name: '014-conversation-analytics-index', ...m014 },
];
