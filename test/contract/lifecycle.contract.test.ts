import { createHash } from 'node:crypto';
import { claimQuery } from '../../core/queries/claim-query';
import { closeQuery } from '../../core/queries/close-query';
import { createQuery } from '../../core/queries/create-query';
import { getQuery } from '../../core/queries/get-query';
import { listQueries } from '../../core/queries/list-queries';
import { reassignQuery } from '../../core/queries/reassign-query';
import { releaseQuery } from '../../core/queries/release-query';
import { reopenQuery } from '../../core/queries/reopen-query';
import { reviewQuery } from '../../core/queries/review-query';
import {
  AlreadyClaimed,
  AlreadyReviewed,
  NotAuthorized,
  NotFound,
  NotInState,
  ReopenWindowClosed,
  ValidationFailed,
} from '../../core/errors';
import type { Actor } from '../../core/domain/actor';
import { TINY_PNG } from '../support/png';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const HOUR = 3_600_000;

describe.each(STORE_KINDS)('query lifecycle on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let alice: Actor, bob: Actor, carol: Actor, dave: Actor, lena: Actor;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    alice = await makeActor(deps, 'client', 'alice');
    bob = await makeActor(deps, 'client', 'bob');
    carol = await makeActor(deps, 'agent', 'carol', 'slack');
    dave = await makeActor(deps, 'agent', 'dave', 'discord');
    lena = await makeActor(deps, 'lead', 'lena');
  });
  afterAll(() => ts.dispose());

  const raise = (by: Actor = alice, extra: Record<string, unknown> = {}) =>
    createQuery(deps, by, {
      category: 'Login Issue',
      heading: 'Cannot sign in',
      description: 'OTP never arrives',
      ...extra,
    });

  it('walks Open -> In Progress -> Closed with an event for every step', async () => {
    const { query, screenshot } = await raise(alice, { screenshot: { filename: 'otp.png', data: TINY_PNG } });
    expect(query.status).toBe('Open');
    expect(screenshot).toMatchObject({ contentType: 'image/png', filename: 'otp.png' });

    deps.clock.advance(2 * HOUR);
    const claimed = await claimQuery(deps, carol, query.id);
    expect(claimed).toMatchObject({ status: 'In Progress', assigneeId: carol.userId, firstResponseMs: 2 * HOUR });

    deps.clock.advance(3 * HOUR);
    const closed = await closeQuery(deps, carol, { queryId: query.id, note: 'Reset the OTP provider' });
    expect(closed).toMatchObject({
      status: 'Closed',
      resolutionNote: 'Reset the OTP provider',
      resolutionMs: 5 * HOUR,
    });

    const review = await reviewQuery(deps, alice, { queryId: query.id, rating: 5, comment: 'quick' });
    expect(review.rating).toBe(5);
    await expect(reviewQuery(deps, alice, { queryId: query.id, rating: 4 })).rejects.toThrow(AlreadyReviewed);

    const details = await getQuery(deps, alice, query.id);
    expect(details.events.map((e) => [e.type, e.platform])).toEqual([
      ['created', 'shell'],
      ['claimed', 'slack'],
      ['closed', 'slack'],
      ['reviewed', 'shell'],
    ]);
    expect(details.assignee?.username).toBe('carol');
    expect(details.attachments).toHaveLength(1);
    const stored = await deps.store.attachments.read(details.attachments[0]!.id);
    // Stored re-encoded (test/contract/screenshot-cleaning): the same 1x1 picture, the hash of what is kept.
    expect(createHash('sha256').update(stored!.data).digest('hex')).toBe(stored!.meta.sha256);
    expect(Buffer.from(stored!.data.subarray(16, 24)).equals(Buffer.from(TINY_PNG.subarray(16, 24)))).toBe(true);
  });

  it('refuses a second claim naming the winner', async () => {
    const { query } = await raise();
    await claimQuery(deps, carol, query.id);
    await expect(claimQuery(deps, dave, query.id)).rejects.toThrow(
      new AlreadyClaimed(query.id, { id: carol.userId, name: 'Carol' }),
    );
  });

  it('releases by the assignee or a lead, not by another agent', async () => {
    const { query } = await raise();
    await claimQuery(deps, carol, query.id);
    await expect(releaseQuery(deps, dave, query.id)).rejects.toThrow(NotAuthorized);
    const released = await releaseQuery(deps, lena, query.id);
    expect(released).toMatchObject({ status: 'Open', assigneeId: null });
    // The first claim keeps counting as the first response.
    deps.clock.advance(HOUR);
    const again = await claimQuery(deps, dave, query.id);
    expect(again.firstResponseMs).toBe(0);
  });

  it('lets a lead reassign, and only to staff', async () => {
    const { query } = await raise();
    await claimQuery(deps, carol, query.id);
    await expect(reassignQuery(deps, carol, query.id, dave.userId)).rejects.toThrow(NotAuthorized);
    await expect(reassignQuery(deps, lena, query.id, bob.userId)).rejects.toThrow(ValidationFailed);
    const moved = await reassignQuery(deps, lena, query.id, dave.userId);
    expect(moved.assigneeId).toBe(dave.userId);
    await expect(closeQuery(deps, carol, { queryId: query.id, note: 'x' })).rejects.toThrow(NotAuthorized);
    await expect(closeQuery(deps, dave, { queryId: query.id, note: '  ' })).rejects.toThrow(
      /resolution note is required/,
    );
  });

  it('reopens within 7 days by the client who raised it, not after', async () => {
    const { query } = await raise();
    await claimQuery(deps, carol, query.id);
    await closeQuery(deps, carol, { queryId: query.id, note: 'done' });
    await expect(reopenQuery(deps, bob, query.id)).rejects.toThrow(NotAuthorized);
    deps.clock.advance(6 * 24 * HOUR);
    const reopened = await reopenQuery(deps, alice, query.id);
    expect(reopened).toMatchObject({
      status: 'Open',
      reopenCount: 1,
      closedAt: null,
      resolutionMs: null,
      assigneeId: null,
    });
    await claimQuery(deps, dave, query.id);
    await closeQuery(deps, dave, { queryId: query.id, note: 'done again' });
    deps.clock.advance(7 * 24 * HOUR + 1);
    await expect(reopenQuery(deps, alice, query.id)).rejects.toThrow(ReopenWindowClosed);
  });

  it('refuses transitions from the wrong state and unknown ids', async () => {
    const { query } = await raise();
    await expect(closeQuery(deps, carol, { queryId: query.id, note: 'x' })).rejects.toThrow(NotAuthorized);
    await expect(releaseQuery(deps, lena, query.id)).rejects.toThrow(NotInState);
    await expect(reopenQuery(deps, alice, query.id)).rejects.toThrow(NotInState);
    await expect(reviewQuery(deps, alice, { queryId: query.id, rating: 3 })).rejects.toThrow(/it is Open, not Closed/);
    await expect(claimQuery(deps, carol, 999_999)).rejects.toThrow(NotFound);
  });

  it('stores nothing when validation fails, including a fake screenshot', async () => {
    const before = await listQueries(deps, alice, 'mine', { pageSize: 100 });
    await expect(raise(alice, { heading: 'x'.repeat(121) })).rejects.toThrow(ValidationFailed);
    await expect(
      raise(alice, { screenshot: { filename: 'a.png', data: new TextEncoder().encode('<script>') } }),
    ).rejects.toThrow(/not a PNG, JPEG, GIF or WebP/);
    await expect(raise(carol)).rejects.toThrow(NotAuthorized);
    const after = await listQueries(deps, alice, 'mine', { pageSize: 100 });
    expect(after.total).toBe(before.total);
  });

  it('lists by scope: a client sees only their own, agents the queue and their work', async () => {
    const mine = await raise(bob, { category: 'Data Export' });
    const bobs = await listQueries(deps, bob, 'mine', {});
    expect(bobs.rows.every((q) => q.clientId === bob.userId)).toBe(true);
    expect(bobs.rows.map((q) => q.id)).toContain(mine.query.id);
    await expect(getQuery(deps, alice, mine.query.id)).rejects.toThrow(NotAuthorized);
    await expect(listQueries(deps, alice, 'queue')).rejects.toThrow(NotAuthorized);

    const queue = await listQueries(deps, carol, 'queue', { category: 'Data Export' });
    expect(queue.rows.map((q) => q.id)).toEqual([mine.query.id]);
    await claimQuery(deps, carol, mine.query.id);
    const working = await listQueries(deps, carol, 'working', { pageSize: 100 });
    expect(working.rows.every((q) => q.assigneeId === carol.userId && q.status === 'In Progress')).toBe(true);
    const filtered = await listQueries(deps, bob, 'mine', { status: 'Closed' });
    expect(filtered.total).toBe(0);
    const paged = await listQueries(deps, alice, 'mine', { page: 2, pageSize: 2 });
    expect(paged.rows.length).toBeLessThanOrEqual(2);
    expect(paged.pages).toBe(Math.ceil(paged.total / 2));
  });
});
