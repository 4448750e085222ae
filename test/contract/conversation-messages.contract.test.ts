import { Desk } from '../../core/conversation/desk';
import type { Actor } from '../../core/domain/actor';
import { ConversationClosed, NotAuthorized, ValidationFailed } from '../../core/errors';
import { claimQuery } from '../../core/queries/claim-query';
import { closeQuery } from '../../core/queries/close-query';
import { createQuery } from '../../core/queries/create-query';
import { markWaiting } from '../../core/queries/mark-waiting';
import { postMessage } from '../../core/queries/post-message';
import { dueAlerts, slaStatus } from '../../core/sla/sla-status';
import type { FileView } from '../../core/views/view-model';
import { TINY_PNG } from '../support/png';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const bytes = (s: string) => new TextEncoder().encode(s);

describe.each(STORE_KINDS)('posting conversation messages on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let zoe: Actor;
  let max: Actor;
  let ann: Actor;
  let ben: Actor;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    zoe = await makeActor(deps, 'client', `zoe${kind}`);
    max = await makeActor(deps, 'client', `max${kind}`);
    ann = await makeActor(deps, 'agent', `ann${kind}`);
    ben = await makeActor(deps, 'lead', `ben${kind}`);
  });
  afterAll(async () => ts.dispose());

  const raise = async (by = zoe) =>
    (await createQuery(deps, by, { category: 'Bug Report', heading: 'crash', description: 'on start' })).query.id;
  const say = (actor: Actor, queryId: number, text: string, visibility: 'public' | 'internal' = 'public') =>
    postMessage(deps, actor, { queryId, text, visibility });

  it('lets a client write in public on their own queries only, and staff in public or internally', async () => {
    const id = await raise();
    await say(zoe, id, 'it crashed again');
    await expect(say(max, id, 'me too')).rejects.toThrow(
      new NotAuthorized('x', 'client', 'You can only write on queries you raised.'),
    );
    await expect(say(zoe, id, 'psst', 'internal')).rejects.toThrow(NotAuthorized);
    await say(ann, id, 'looking', 'internal');
    await say(ben, id, 'we are on it');
    const all = await ts.store.messages.forQuery(id, { includeInternal: true });
    expect(all.map((m) => [m.seq, m.authorRole, m.visibility])).toEqual([
      [1, 'client', 'public'],
      [2, 'agent', 'internal'],
      [3, 'lead', 'public'],
    ]);
    expect((await ts.store.messages.forQuery(id, { includeInternal: false })).map((m) => m.seq)).toEqual([1, 3]);
    // The client's transcript never holds the note; the staff's marks it.
    const desk = new Desk(deps);
    const conv = (a: Actor) => ({
      account: { platform: 'shell' as const, workspaceId: 'local', platformUserId: a.username },
      actor: a,
      surface: { name: 'shell', prefix: '', options: 'equals' as const, formNote: null, updatesFor: () => '' },
    });
    const fileOf = async (a: Actor) =>
      new TextDecoder().decode(((await desk.run(conv(a), 'transcript', { id })).views[0] as FileView).data);
    expect(await fileOf(zoe)).not.toContain('looking');
    expect(await fileOf(ann)).toMatch(/\(agent\) \[internal\]:\nlooking/);
    expect((await ts.store.events.forQuery(id)).filter((e) => e.type === 'message')).toHaveLength(3);
  });

  it('refuses empty and too long text, and files that are not images, PDFs or text, naming them', async () => {
    const id = await raise();
    await expect(say(zoe, id, '   ')).rejects.toThrow(ValidationFailed);
    await expect(say(zoe, id, 'x'.repeat(4001))).rejects.toThrow(/at most 4000 characters/);
    const exe = postMessage(deps, zoe, {
      queryId: id,
      text: 'see attached',
      visibility: 'public',
      files: [{ filename: 'setup.exe', data: Uint8Array.from([0x4d, 0x5a, 0x90, 0x00]) }],
    });
    await expect(exe).rejects.toThrow(
      /"setup\.exe": only images \(PNG, JPEG, GIF, WebP\), PDF documents and plain text/,
    );
    const big = postMessage(deps, zoe, {
      queryId: id,
      text: '',
      visibility: 'public',
      files: [{ filename: 'huge.log', data: new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61) }],
    });
    await expect(big).rejects.toThrow(/"huge\.log": the file is 5\.1 MB; the limit is 5\.0 MB/);
    const posted = await postMessage(deps, zoe, {
      queryId: id,
      text: '',
      visibility: 'public',
      files: [
        { filename: 'shot.png', data: TINY_PNG },
        { filename: 'invoice.pdf', data: bytes('%PDF-1.7\n...') },
        { filename: 'app.log', data: bytes('line 1\nzeile 2 ü\n') },
      ],
    });
    expect(posted.message.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['shot.png', 'image/png'],
      ['invoice.pdf', 'application/pdf'],
      ['app.txt', 'text/plain; charset=utf-8'],
    ]);
    expect((await ts.store.messages.forQuery(id, { includeInternal: false }))[0]!.attachments).toHaveLength(3);
  });

  it('takes messages on a query closed within 7 days (offering Reopen), none after', async () => {
    const id = await raise();
    await claimQuery(deps, ann, id);
    await closeQuery(deps, ann, { queryId: id, note: 'fixed' });
    deps.clock.advance(6 * DAY);
    expect((await say(zoe, id, 'still broken')).offerReopen).toBe(true);
    expect((await say(ann, id, 'sorry to hear')).offerReopen).toBe(false);
    deps.clock.advance(2 * DAY);
    await expect(say(zoe, id, 'hello?')).rejects.toThrow(new ConversationClosed(id, 7, 'raise a new query with `new`'));
    await expect(say(ann, id, 'hello?')).rejects.toThrow(ConversationClosed);
  });

  it('stops the first-response clock at the first public staff message or the claim, whichever comes first', async () => {
    const first = await raise();
    deps.clock.advance(HOUR);
    await say(ann, first, 'internal only', 'internal');
    expect((await ts.store.queries.findById(first))!.firstResponseMs).toBeNull();
    deps.clock.advance(HOUR);
    await say(ann, first, 'hello Zoe');
    deps.clock.advance(HOUR);
    await claimQuery(deps, ann, first);
    await say(ann, first, 'second answer');
    expect(await ts.store.queries.findById(first)).toMatchObject({ firstResponseMs: 2 * HOUR, firstReplyMs: 2 * HOUR });

    const second = await raise();
    deps.clock.advance(HOUR);
    await claimQuery(deps, ann, second);
    deps.clock.advance(HOUR);
    await say(zoe, second, 'any news?');
    expect((await ts.store.queries.findById(second))!.firstReplyMs).toBeNull();
    await say(ann, second, 'yes');
    expect(await ts.store.queries.findById(second)).toMatchObject({ firstResponseMs: HOUR, firstReplyMs: 2 * HOUR });
  });

  it('pauses the resolution clock while waiting on the client, resumes on their message, and closes without the wait', async () => {
    const id = await raise();
    const created = deps.clock.now();
    await claimQuery(deps, ann, id);
    deps.clock.advance(HOUR);
    const waiting = await markWaiting(deps, ann, id);
    expect(waiting.waitingSince).toEqual(deps.clock.now());
    expect((await markWaiting(deps, ben, id)).waitingSince).toEqual(waiting.waitingSince);
    await expect(markWaiting(deps, zoe, id)).rejects.toThrow(NotAuthorized);
    deps.clock.advance(100 * HOUR);
    // Staff writing does not end the wait; the clock stands still: no resolution level is due while waiting.
    await say(ann, id, 'any news?');
    const paused = (await ts.store.queries.findById(id))!;
    expect(paused.waitingSince).not.toBeNull();
    const policy = deps.config.sla;
    const res = slaStatus(paused, policy, deps.clock.now()).find((c) => c.clock === 'resolution')!;
    expect(res).toMatchObject({ running: false, level: 'ok', elapsedMs: HOUR });
    expect(dueAlerts(policy, [{ ...paused, recorded: [] }], deps.clock.now())).toEqual([]);
    await say(zoe, id, 'here I am');
    const resumed = (await ts.store.queries.findById(id))!;
    expect(resumed).toMatchObject({ waitingSince: null, waitedMs: 100 * HOUR });
    const after = slaStatus(resumed, policy, deps.clock.now()).find((c) => c.clock === 'resolution')!;
    // Counting again from where it stood; its deadline comes later by the time waited.
    expect(after).toMatchObject({ running: true, elapsedMs: HOUR });
    expect(after.dueAt).toEqual(new Date(created.getTime() + 100 * HOUR + after.targetMs));
    deps.clock.advance(HOUR);
    const closed = await closeQuery(deps, ann, { queryId: id, note: 'done' });
    expect(closed.resolutionMs).toBe(2 * HOUR);
  });

  it('stores a retried platform message once', async () => {
    const id = await raise();
    const source = { platform: 'slack' as const, channelId: 'D1', messageId: '1700000000.000100' };
    const a = await postMessage(deps, zoe, { queryId: id, text: 'once', visibility: 'public', source });
    const b = await postMessage(deps, zoe, { queryId: id, text: 'once', visibility: 'public', source });
    expect([a.created, b.created]).toEqual([true, false]);
    expect(b.message.id).toBe(a.message.id);
    expect((await ts.store.queries.findById(id))!.messageCount).toBe(1);
  });
});
