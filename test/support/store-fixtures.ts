import type { NewQueryRow, QueryRecord } from '../../core/domain/query';
import type { Role } from '../../core/domain/roles';
import type { UserRecord } from '../../core/domain/user';
import type { StoreTx } from '../../core/ports/store';
import { queryRecord } from './query-record';
import { T0 } from './test-desk';

let userSeq = 0;

/** An account written straight to the store, for tests of the store itself (no desk rules involved). */
export function storedUser(store: Pick<StoreTx, 'users'>, role: Role, name: string): Promise<UserRecord> {
  userSeq += 1;
  return store.users.insert({
    username: `${name}${userSeq}`,
    email: `${name}${userSeq}@example.com`,
    mobile: null,
    displayName: name,
    role,
    passwordHash: null,
    passwordScheme: null,
    createdAt: T0,
  });
}

/** A query written straight to the store: the fields of queryRecord() (Open, unassigned, raised at T0) and `over`. */
export function storedQuery(
  store: Pick<StoreTx, 'queries'>,
  clientId: number,
  over: Partial<NewQueryRow> = {},
): Promise<QueryRecord> {
  const { id, updatedAt, waitingSince, waitedMs, messageCount, firstReplyMs, ...row } = queryRecord({ clientId });
  return store.queries.insert({ ...row, ...over });
}
