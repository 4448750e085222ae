import type { PlatformAccount } from '../../core/auth/identities';
import type { Conversation } from '../../core/conversation/conversation';
import { Desk } from '../../core/conversation/desk';
import type { InboundMessage } from '../../core/conversation/inbound-message';
import type { Actor } from '../../core/domain/actor';
import { deliverConversation } from '../../core/notifications/deliver-conversation';
import { claimQuery } from '../../core/queries/claim-query';
import { closeQuery } from '../../core/queries/close-query';
import { createQuery } from '../../core/queries/create-query';
import { postMessage } from '../../core/queries/post-message';
import { decodeAction } from '../../core/views/action-id';
import type { CardView, Reply, TextView } from '../../core/views/view-model';
import { RecordingConversation } from '../support/recording-conversation';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const DAY = 86_400_000;
const cards = (r: Reply | null) => (r?.views ?? []).filter((v): v is CardView => v.kind === 'card');
const texts = (r: Reply | null) => (r?.views ?? []).filter((v): v is TextView => v.kind === 'text').map((v) => v.text);

describe.each(STORE_KINDS)('hearing chat messages on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let desk: Desk;
  let n: RecordingConversation;
  let seq = 0;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    desk = new Desk(deps);
    n = new RecordingConversation(() => ts.store);
  });
  afterAll(async () => ts.dispose());

  /** A client (or agent) signed in on Slack as U-<name>. */
  const onSlack = async (role: 'client' | 'agent', name: string): Promise<{ actor: Actor; conv: Conversation }> => {
    const actor = await makeActor(deps, role, `${name}${kind}`, 'slack');
    const account: PlatformAccount = { platform: 'slack', workspaceId: 'T1', platformUserId: `U-${actor.username}` };
    await ts.store.identities.link({ ...account, userId: actor.userId, linkedAt: deps.clock.now() });
    return { actor, conv: await desk.conversation(account) };
  };
  const raise = async (a: Actor) => {
    const id = (await createQuery(deps, a, { category: 'Bug Report', heading: `crash ${++seq}`, description: 'd' }))
      .query.id;
    await deliverConversation(deps, n, id); // the places (support thread, DM thread root) are recorded
    return id;
  };
  const dm = (a: Actor, over: Partial<InboundMessage> = {}): InboundMessage => ({
    source: { platform: 'slack', channelId: `D-${a.userId}`, messageId: `dm-${++seq}` },
    where: 'client',
    threadRootId: null,
    repliesTo: null,
    text: `message ${seq}`,
    files: [],
    at: deps.clock.now(),
    ...over,
  });
  const textsOf = async (id: number) =>
    (await ts.store.messages.forQuery(id, { includeInternal: true })).map((m) => m.text);

  it('routes a DM by its thread, by the relayed message it replies to, or to the only active query', async () => {
    const { actor, conv } = await onSlack('client', 'cleo');
    const a = await raise(actor);
    const b = await raise(actor);
    expect(await desk.hear(conv, dm(actor, { threadRootId: `root-${a}`, text: 'in a thread' }))).toBeNull();
    await postMessage(deps, (await onSlack('agent', 'ari')).actor, {
      queryId: b,
      text: 'hi from b',
      visibility: 'public',
    });
    await deliverConversation(deps, n, b);
    const relayed = n.posted.find((p) => p.place.audience === 'client' && p.copy.queryId === b)!.id;
    expect(await desk.hear(conv, dm(actor, { repliesTo: relayed, text: 'answering b' }))).toBeNull();
    expect(await textsOf(a)).toEqual(['in a thread']);
    expect(await textsOf(b)).toEqual(['hi from b', 'answering b']);
    const { actor: solo, conv: soloConv } = await onSlack('client', 'sol');
    const only = await raise(solo);
    expect(texts(await desk.hear(soloConv, dm(solo, { text: 'top level' })))).toEqual([
      `Added to query #${only}; the desk will see it.`,
    ]);
    expect(await textsOf(only)).toEqual(['top level']);
  });

  it('asks which query when there are several, files the message on the press, once', async () => {
    const { actor, conv } = await onSlack('client', 'pia');
    const a = await raise(actor);
    const b = await raise(actor);
    const m = dm(actor, { text: 'which one?' });
    const asked = cards(await desk.hear(conv, m))[0]!;
    expect(asked.title).toBe('Which query is this about?');
    const picks = asked.buttons.map((x) => decodeAction(x.actionId));
    expect(picks.map((p) => p?.kind === 'pick' && p.queryId).sort()).toEqual([a, b].sort());
    expect(await desk.hear(conv, m)).toBeNull(); // the retried event: parked already
    const pickB = picks.find((p) => p?.kind === 'pick' && p.queryId === b)!;
    const { actor: other, conv: otherConv } = await onSlack('client', 'oz');
    expect(other.userId).not.toBe(actor.userId);
    await expect(desk.press(otherConv, pickB)).rejects.toThrow('Only the person who wrote a message can file it.');
    expect(texts(await desk.press(conv, pickB))).toEqual([`Added to query #${b}; the desk will see it.`]);
    expect(texts(await desk.press(conv, pickB))).toEqual(['That message was filed already.']);
    expect(await textsOf(b)).toEqual(['which one?']);
    expect(await textsOf(a)).toEqual([]);
    expect(await desk.hear(conv, m)).toBeNull(); // retried after filing: stored already
  });

  it('offers a new query when there is none, and to sign in when the writer is not linked', async () => {
    const { actor, conv } = await onSlack('client', 'nia');
    const offered = await desk.hear(conv, dm(actor));
    expect(texts(offered)[0]).toMatch(/You have no open query to add this to: raise one with `\/cqms new`/);
    expect(decodeAction(cards(offered)[0]!.buttons[0]!.actionId)).toEqual({ kind: 'form', form: 'new' });
    const guest = await desk.conversation({ platform: 'slack', workspaceId: 'T1', platformUserId: 'U-nobody' });
    expect(texts(await desk.hear(guest, dm(actor)))[0]).toMatch(/You are not signed in\. Run `\/cqms login`/);
  });

  it('keeps staff thread messages internal unless prefixed; ignores threads of no query; refuses clients there', async () => {
    const { actor: client, conv: clientConv } = await onSlack('client', 'kai');
    const { conv } = await onSlack('agent', 'abe');
    const id = await raise(client);
    const staffMsg = (text: string, root = `card-${id}`): InboundMessage => ({
      ...dm(client, { text }),
      source: { platform: 'slack', channelId: 'C-SUPPORT', messageId: `t-${++seq}` },
      where: 'staff',
      threadRootId: root,
    });
    expect(await desk.hear(conv, staffMsg('internal by default'))).toBeNull();
    expect(texts(await desk.hear(conv, staffMsg('!REPLY  public now')))).toEqual([
      `Sent to the client on query #${id}.`,
    ]);
    expect(await desk.hear(conv, staffMsg('!replying is not the prefix'))).toBeNull();
    expect(await desk.hear(conv, staffMsg('chatter', 'some-other-thread'))).toBeNull();
    expect(texts(await desk.hear(clientConv, staffMsg('me in the staff thread')))).toEqual([
      'Only the support staff write in support threads; your message was not kept.',
    ]);
    const stored = await ts.store.messages.forQuery(id, { includeInternal: true });
    expect(stored.map((m) => [m.visibility, m.text])).toEqual([
      ['internal', 'internal by default'],
      ['public', 'public now'],
      ['internal', '!replying is not the prefix'],
    ]);
  });

  it('offers Reopen within 7 days of closing, and a new query after', async () => {
    const { actor, conv } = await onSlack('client', 'rae');
    const { actor: agent } = await onSlack('agent', 'al');
    const id = await raise(actor);
    await claimQuery(deps, agent, id);
    await closeQuery(deps, agent, { queryId: id, note: 'done' });
    const reopen = await desk.hear(conv, dm(actor, { threadRootId: `root-${id}`, text: 'not fixed' }));
    expect(decodeAction(cards(reopen)[0]!.buttons[0]!.actionId)).toEqual({ kind: 'reopen', queryId: id });
    deps.clock.advance(8 * DAY);
    const late = await desk.hear(conv, dm(actor, { threadRootId: `root-${id}`, text: 'hello?' }));
    expect(texts(late)[0]).toBe(
      `Query #${id} was closed more than 7 days ago and takes no more messages; raise a new query with \`/cqms new\`.`,
    );
    expect(decodeAction(cards(late)[0]!.buttons[0]!.actionId)).toEqual({ kind: 'form', form: 'new' });
    expect(await textsOf(id)).toEqual(['not fixed']);
  });
});
