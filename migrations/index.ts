import type { QueryInterface } from 'sequelize';
import * as m001 from './001-initial-schema';
import * as m002 from './002-message-refs';
import * as m003 from './003-idempotency-keys';
import * as m004 from './004-outbox';
import * as m005 from './005-sla-alerts';
import * as m006 from './006-sla-sweep-index';
import * as m010 from './010-bulk-load-index-stash';

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
  { name: '010-bulk-load-index-stash', ...m010 },
];
