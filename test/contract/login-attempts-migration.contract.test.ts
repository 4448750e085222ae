import { migrator } from '../../adapters/storage/migrator';
import { login } from '../../core/auth/login';
import { AccountLocked, InvalidCredentials } from '../../core/errors';
import { makeActor, T0, testDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const RIGHT = 'correct horse battery';

// Counts and locks kept in `users` before migration 010 carry over to login_attempts.
describe.each(STORE_KINDS)('migrating sign-in counts and locks on %s', (kind) => {
  let ts: TestStore;
  afterAll(() => ts?.dispose());

  it('keeps a failure count and a lock in force', async () => {
    ts = await openTestStore(kind);
    const deps = testDesk(ts.store);
    const counted = await makeActor(deps, 'client', 'counted');
    const locked = await makeActor(deps, 'client', 'locked');
    await migrator(ts.store.sequelize).down({ to: '010-login-attempts' });
    await ts.store.sequelize.query('UPDATE users SET failed_logins = 3 WHERE id = :id', {
      replacements: { id: counted.userId },
    });
    await ts.store.sequelize.query('UPDATE users SET locked_until = :until WHERE id = :id', {
      replacements: { id: locked.userId, until: T0.getTime() + 10 * 60_000 },
    });
    await migrator(ts.store.sequelize).up();

    await expect(login(deps, { login: 'counted', password: 'wrong' })).rejects.toThrow(InvalidCredentials);
    await expect(login(deps, { login: 'counted', password: 'wrong' })).rejects.toThrow(AccountLocked);
    await expect(login(deps, { login: 'locked', password: RIGHT })).rejects.toThrow(AccountLocked);
    deps.clock.advance(10 * 60_000);
    await expect(login(deps, { login: 'locked', password: RIGHT })).resolves.toMatchObject({ username: 'locked' });
  });
});
