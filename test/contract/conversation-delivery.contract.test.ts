import { openStore, type SequelizeStore } from '../../adapters/storage/sequelize-store';
import { Desk } from '../../core/conversation/desk';
import type { DeskDeps } from '../../core/desk/desk-deps';
import type { Actor } from '../../core/domain/actor';
import { deliverConversation } from '../../core/notifications/deliver-conversation';
import { deliverRevision } from '../../core/notifications/deliver-revision';
import { RetryLater } from '../../core/ports/job-queue';
import { createQuery } from '../../core/queries/create-query';
import { postMessage } from '../../core/queries/post-message';
import { RecordingConversation } from '../support/recording-conversation';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

/** Runs a delivery job as a queue would: again after a RetryLater (a place held by another run). */
async function deliverUntilDone(deps: DeskDeps, n: RecordingConversation, queryId: number): Promise<number> {
  for (let tries = 1; ; tries++) {
    try {
      await deliverConversation(deps, n, queryId);
      return tries;
    } catch (e) {
      if (!(e instanceof RetryLater) || tries > 200) throw e;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

describe.each(STORE_KINDS)('conversation delivery on %s', (kind) => {
  let ts: TestStore;
  let other: SequelizeStore;
  let deps: TestDesk;
  let zoe: Actor;
  let ann: Actor;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    other = await openStore(ts.url);
    deps = testDesk(ts.store);
    zoe = await makeActor(deps, 'client', `zoe${kind}`);
    ann = await makeActor(deps, 'agent', `ann${kind}`);
  });
  afterAll(async () => {
    await other.close();
    await ts.dispose();
  });

  const raise = async () =>
    (await createQuery(deps, zoe, { category: 'Bug Report', heading: 'crash', description: 'on start' })).query.id;

  it('delivers each message once and in order; the client gets the public ones; a message is not posted where it was written', async () => {
    const n = new RecordingConversation(() => ts.store);
    const id = await raise();
    await deliverUntilDone(deps, n, id); // the places exist before anything is said (the client's DM thread root)
    await postMessage(deps, zoe, { queryId: id, text: 'it crashed', visibility: 'public' });
    await postMessage(deps, ann, { queryId: id, text: 'likely the cache', visibility: 'internal' });
    await postMessage(deps, ann, { queryId: id, text: 'please clear the cache', visibility: 'public' });
    const dm = { platform: 'slack' as const, channelId: `D-${zoe.userId}`, messageId: 'dm-1' };
    await postMessage(deps, zoe, { queryId: id, text: 'done, works', visibility: 'public', source: dm });
    await deliverUntilDone(deps, n, id);
    await deliverUntilDone(deps, n, id);
    const staff = n.at(id, 'staff');
    expect(staff.map((c) => [c.seq, c.mark])).toEqual([
      [1, null],
      [2, 'internal'],
      [3, 'sentToClient'],
      [4, null],
    ]);
    expect(n.at(id, 'client').map((c) => c.seq)).toEqual([1, 3]);
    expect(n.at(id, 'client').every((c) => c.mark === null)).toBe(true);
    const fourth = (await ts.store.messages.findBySource(dm))!;
    expect((await ts.store.copies.forMessage(fourth.id)).map((c) => [c.placeKey, c.platformMessageId]).sort()).toEqual([
      ['slack:client', 'dm-1'],
      ['slack:staff:C-SUPPORT', expect.stringMatching(/^m\d+$/)],
    ]);
  });

  it('keeps order and once-only while writers and several deliveries on two connections race', async () => {
    const n = new RecordingConversation(() => ts.store, { delayMs: 3 });
    const id = await raise();
    const otherDeps: DeskDeps = { ...deps, store: other };
    const write = async (who: Actor, tag: string) => {
      for (let i = 0; i < 8; i++)
        await postMessage(i % 2 ? otherDeps : deps, who, { queryId: id, text: `${tag} ${i}`, visibility: 'public' });
    };
    const deliverSoon = async (d: DeskDeps) => {
      for (let i = 0; i < 6; i++) {
        await deliverUntilDone(d, n, id);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    await Promise.all([
      write(zoe, 'zoe'),
      write(ann, 'ann'),
      deliverSoon(deps),
      deliverSoon(otherDeps),
      deliverSoon(deps),
    ]);
    await Promise.all([deliverUntilDone(deps, n, id), deliverUntilDone(otherDeps, n, id)]);
    const all = Array.from({ length: 16 }, (_, i) => i + 1);
    expect(n.at(id, 'staff').map((c) => c.seq)).toEqual(all);
    expect(n.at(id, 'client').map((c) => c.seq)).toEqual(all);
    const stored = await ts.store.messages.forQuery(id, { includeInternal: true });
    for (const m of stored) expect(await ts.store.copies.forMessage(m.id)).toHaveLength(2);
  });

  it('mirrors an edit and a deletion on every copy but the one written there, and never at the client for a note', async () => {
    const n = new RecordingConversation(() => ts.store);
    const desk = new Desk(deps);
    const id = await raise();
    await deliverUntilDone(deps, n, id);
    const conv = await desk.conversation({ platform: 'slack', workspaceId: 'T1', platformUserId: 'U-ann' });
    await deps.store.identities.link({
      platform: 'slack',
      workspaceId: 'T1',
      platformUserId: 'U-ann',
      userId: ann.userId,
      linkedAt: deps.clock.now(),
    });
    const annOnSlack = await desk.conversation({ platform: 'slack', workspaceId: 'T1', platformUserId: 'U-ann' });
    expect(conv.actor).toBeNull();
    const inThread = (messageId: string, text: string) =>
      desk.hear(annOnSlack, {
        source: { platform: 'slack', channelId: 'C-SUPPORT', messageId },
        where: 'staff',
        threadRootId: `card-${id}`,
        repliesTo: null,
        text,
        files: [],
        at: deps.clock.now(),
      });
    expect(await inThread('t1', 'just between us')).toBeNull();
    expect((await inThread('t2', '!reply Hello Zoe'))?.views[0]).toMatchObject({
      text: `Sent to the client on query #${id}.`,
    });
    await deliverUntilDone(deps, n, id);
    expect(n.at(id, 'client').map((c) => c.text)).toEqual(['Hello Zoe']);
    expect(n.at(id, 'staff')).toEqual([]); // both were written in the support thread: recorded there, not posted
    const at = deps.clock.now();
    await desk.heardEdit(annOnSlack, {
      source: { platform: 'slack', channelId: 'C-SUPPORT', messageId: 't2' },
      text: '!reply Hello Zoe, welcome',
      at,
    });
    await desk.heardEdit(annOnSlack, {
      source: { platform: 'slack', channelId: 'C-SUPPORT', messageId: 't1' },
      text: 'between us, edited',
      at,
    });
    await desk.heardDelete(annOnSlack, { source: { platform: 'slack', channelId: 'C-SUPPORT', messageId: 't1' }, at });
    const [note, hello] = await ts.store.messages.forQuery(id, { includeInternal: true });
    await deliverRevision(deps, n, id, hello!.id);
    await deliverRevision(deps, n, id, note!.id);
    expect(n.revised.map((r) => [r.place.audience, r.copy.text, r.copy.edited])).toEqual([
      ['client', 'Hello Zoe, welcome', true],
    ]);
    expect(await ts.store.messages.revisions(note!.id)).toEqual([
      expect.objectContaining({ kind: 'edit', previousText: 'just between us' }),
      expect.objectContaining({ kind: 'delete', previousText: 'between us, edited' }),
    ]);
  });
});
