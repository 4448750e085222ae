import { createHash } from 'node:crypto';
import { login } from '../../core/auth/login';
import { registerUser } from '../../core/auth/register-user';
import { AccountLocked, InvalidCredentials } from '../../core/errors';
import { addUser } from '../../core/users/manage-users';
import { countChecks, type CheckCount } from '../support/counting-hasher';
import { testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const RIGHT = 'right-password';

describe.each(STORE_KINDS)('the lockout under a burst of guesses on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let count: CheckCount;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
  });
  afterAll(() => ts.dispose());
  beforeEach(() => {
    deps.hasher = testDesk(ts.store).hasher;
    count = countChecks(deps.hasher);
  });

  it('checks at most 5 of 39 concurrent wrong passwords, and refuses the right one sent after them with the lock', async () => {
    await registerUser(deps, {
      username: 'target',
      email: 'target@example.com',
      mobile: '9000000101',
      password: RIGHT,
    });
    const fifth = count.whenChecked(5);
    const wrong = Array.from({ length: 39 }, (_, i) => login(deps, { login: 'target', password: `guess-${i}` }));
    // Sent once five guesses are being checked, while the others are still in flight.
    await Promise.race([fifth, Promise.allSettled(wrong)]);
    const right = login(deps, { login: 'target', password: RIGHT });
    const outcomes = await Promise.allSettled([...wrong, right]);

    expect(count.checked.filter((p) => p !== RIGHT).length).toBeLessThanOrEqual(5);
    expect(count.checked).not.toContain(RIGHT);
    const last = outcomes.at(-1)!;
    expect(last.status).toBe('rejected');
    expect((last as PromiseRejectedResult).reason).toBeInstanceOf(AccountLocked);
    expect(String((last as PromiseRejectedResult).reason.message)).toMatch(
      /Too many failed sign-ins: the account is locked until/,
    );
    for (const o of outcomes.slice(0, -1)) {
      expect(o.status).toBe('rejected');
      expect((o as PromiseRejectedResult).reason).toBeInstanceOf(Error);
      expect([InvalidCredentials, AccountLocked].some((c) => (o as PromiseRejectedResult).reason instanceof c)).toBe(
        true,
      );
    }
  });

  it('lets the right password in when it arrives within the allowance of a burst, and starts the count afresh', async () => {
    await registerUser(deps, { username: 'owner', email: 'owner@example.com', mobile: '9000000102', password: RIGHT });
    await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) => login(deps, { login: 'owner', password: `guess-${i}` })),
    );
    await expect(login(deps, { login: 'owner@example.com', password: RIGHT })).resolves.toMatchObject({
      username: 'owner',
    });
    for (let i = 0; i < 4; i++)
      await expect(login(deps, { login: 'owner', password: 'wrong' })).rejects.toThrow(InvalidCredentials);
    await expect(login(deps, { login: '9000000102', password: 'wrong' })).rejects.toThrow(AccountLocked);
  });

  it('checks a legacy SHA-256 account and an unknown login with one slow verify, as an argon2id account', async () => {
    await addUser(deps, 'operator', {
      username: 'oldtimer',
      email: 'old@example.com',
      mobile: '9000000103',
      role: 'agent',
      legacySha256: createHash('sha256').update('old-password').digest('hex'),
    });
    await registerUser(deps, { username: 'newer', email: 'newer@example.com', mobile: '9000000104', password: RIGHT });
    for (const who of ['oldtimer', 'newer', 'nobody-here']) {
      const before = count.checked.length;
      await expect(login(deps, { login: who, password: 'wrong-password' })).rejects.toThrow(InvalidCredentials);
      expect(count.checked.length - before).toBe(1);
    }
    const before = count.checked.length;
    await expect(login(deps, { login: 'old@example.com', password: 'old-password' })).resolves.toMatchObject({
      passwordScheme: 'argon2id',
    });
    expect(count.checked.length - before).toBe(1);
  });

  it('counts guesses at an unknown login the same way, so a lock does not tell that an account exists', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => login(deps, { login: 'no-such-user', password: `guess-${i}` })),
    );
    expect(count.checked.length).toBeLessThanOrEqual(5);
    const reasons = outcomes.map((o) => (o as PromiseRejectedResult).reason);
    expect(reasons.filter((r) => r instanceof AccountLocked).length).toBeGreaterThanOrEqual(7);
    await expect(login(deps, { login: 'NO-SUCH-USER', password: 'again' })).rejects.toThrow(AccountLocked);
    deps.clock.advance(15 * 60_000 + 1);
    await expect(login(deps, { login: 'no-such-user', password: 'again' })).rejects.toThrow(InvalidCredentials);
  });
});
