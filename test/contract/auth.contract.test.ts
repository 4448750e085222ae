import { createHash } from 'node:crypto';
import { linkIdentity, resolveActor, unlinkIdentity } from '../../core/auth/identities';
import { login } from '../../core/auth/login';
import { registerUser } from '../../core/auth/register-user';
import { AccountLocked, Conflict, InvalidCredentials, ValidationFailed } from '../../core/errors';
import { addUser } from '../../core/users/manage-users';
import { testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const MINUTE = 60_000;

describe.each(STORE_KINDS)('authentication on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    await registerUser(deps, {
      username: 'Priya',
      email: ' Priya@Example.com ',
      mobile: '+91 98450 12345',
      password: 's3cret-pass',
    });
  });
  afterAll(() => ts.dispose());

  it.each([['priya'], ['PRIYA@example.com'], ['9845012345'], ['+91-98450-12345'], ['098450 12345']])(
    'signs in with %s',
    async (who) => {
      const u = await login(deps, { login: who, password: 's3cret-pass' });
      expect(u.username).toBe('priya');
      expect(u.role).toBe('client');
    },
  );

  it('stores a salted slow hash, never the password', async () => {
    const [u] = await deps.store.users.findByLogin({ username: 'priya' });
    expect(u!.passwordScheme).toBe('argon2id');
    expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(u!.passwordHash).not.toContain('s3cret-pass');
  });

  it('refuses duplicates by username, email and mobile with the field named', async () => {
    const base = { username: 'other', email: 'other@example.com', mobile: '9000000001', password: 'password123' };
    await expect(registerUser(deps, { ...base, username: 'priya' })).rejects.toMatchObject({ field: 'username' });
    await expect(registerUser(deps, { ...base, email: 'priya@example.com' })).rejects.toMatchObject({ field: 'email' });
    await expect(registerUser(deps, { ...base, mobile: '9845012345' })).rejects.toThrow(Conflict);
    await expect(registerUser(deps, { ...base, email: 'bad' })).rejects.toThrow(ValidationFailed);
  });

  it('locks the account for 15 minutes after 5 failures, then lets the right password in', async () => {
    await registerUser(deps, {
      username: 'locky',
      email: 'locky@example.com',
      mobile: '9000000002',
      password: 'right-password',
    });
    for (let i = 0; i < 4; i++)
      await expect(login(deps, { login: 'locky', password: 'wrong' })).rejects.toThrow(InvalidCredentials);
    await expect(login(deps, { login: 'locky', password: 'wrong' })).rejects.toThrow(AccountLocked);
    await expect(login(deps, { login: 'locky', password: 'right-password' })).rejects.toThrow(AccountLocked);
    deps.clock.advance(14 * MINUTE);
    await expect(login(deps, { login: 'locky', password: 'right-password' })).rejects.toThrow(AccountLocked);
    deps.clock.advance(MINUTE + 1);
    await expect(login(deps, { login: 'locky', password: 'right-password' })).resolves.toMatchObject({
      username: 'locky',
    });
  });

  it('locks even when the failures arrive in parallel', async () => {
    await registerUser(deps, {
      username: 'burst',
      email: 'burst@example.com',
      mobile: '9000000003',
      password: 'right-password',
    });
    await Promise.allSettled(Array.from({ length: 8 }, () => login(deps, { login: 'burst', password: 'guess' })));
    await expect(login(deps, { login: 'burst', password: 'right-password' })).rejects.toThrow(AccountLocked);
  });

  it('accepts a legacy SHA-256 hash once and upgrades it to argon2id', async () => {
    const legacy = createHash('sha256').update('old-password').digest('hex');
    await addUser(deps, 'operator', {
      username: 'veteran',
      email: 'vet@example.com',
      mobile: '9000000004',
      role: 'agent',
      legacySha256: legacy,
    });
    const [before] = await deps.store.users.findByLogin({ username: 'veteran' });
    expect(before!.passwordScheme).toBe('sha256-legacy');
    await expect(login(deps, { login: 'veteran', password: 'wrong' })).rejects.toThrow(InvalidCredentials);
    await login(deps, { login: 'vet@example.com', password: 'old-password' });
    const [after] = await deps.store.users.findByLogin({ username: 'veteran' });
    expect(after!.passwordScheme).toBe('argon2id');
    expect(after!.passwordHash).not.toBe(legacy);
    await expect(login(deps, { login: 'veteran', password: 'old-password' })).resolves.toMatchObject({ role: 'agent' });
  });

  it('gives the same answer for an unknown account as for a wrong password', async () => {
    await expect(login(deps, { login: 'nobody', password: 'whatever1' })).rejects.toThrow(new InvalidCredentials());
    await expect(login(deps, { login: '', password: 'x' })).rejects.toThrow(/login is required/);
  });

  it('links a chat identity to the account, re-links and unlinks it', async () => {
    const [u] = await deps.store.users.findByLogin({ username: 'priya' });
    const account = { platform: 'slack' as const, workspaceId: 'T1', platformUserId: 'U42' };
    expect(await resolveActor(deps, account)).toBeNull();
    await linkIdentity(deps, account, u!.id);
    await linkIdentity(deps, account, u!.id);
    expect(await resolveActor(deps, account)).toEqual({
      userId: u!.id,
      username: 'priya',
      role: 'client',
      platform: 'slack',
    });
    expect(await resolveActor(deps, { ...account, workspaceId: 'T2' })).toBeNull();
    await unlinkIdentity(deps, account);
    expect(await resolveActor(deps, account)).toBeNull();
  });
});
