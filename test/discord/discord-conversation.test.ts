import type { QueryMessage } from '../../core/domain/query-message';
import { TINY_PNG } from '../support/png';
import { SUPPORT_CHANNEL, type Json } from './discord-ids';
import { decodeAction } from '../../core/views/action-id';
import { buttonIds, textOf, type TestUser } from './discord-driver';
import { startDiscordHarness, type DiscordHarness } from './discord-harness';
import { eventually, MessageDriver } from './message-driver';

const ZOE: TestUser = { id: '1200000000000000031', username: 'zoe' };
const ANN: TestUser = { id: '1200000000000000032', username: 'ann' };
const IVY: TestUser = { id: '1200000000000000033', username: 'ivy' };
const OTHER_BOT = { id: '1200000000000000039', username: 'helper' };

describe('a query conversation on Discord, through the real discord.js client and the fake gateway', () => {
  let h: DiscordHarness;
  let say: MessageDriver;
  const messagesOf = (queryId: number): Promise<QueryMessage[]> =>
    h.bot.runtime.deps.store.messages.forQuery(queryId, { includeInternal: true });
  const posts = (channelId: string) => h.fake.calls('POST', new RegExp(`^/channels/${channelId}/messages$`));

  /** A client raises a query with /cqms new and its modal; returns its id once its card and thread are out. */
  async function raise(heading: string, client = ZOE): Promise<number> {
    const { driver } = h;
    const modal = await driver.callback(driver.slash(client, 'new', { category: 'Billing Problem' }));
    const raised = await driver.callback(
      driver.submit(client, String(modal.body.data.custom_id), { heading, description: 'Two debits', mobile: '' }),
    );
    const id = Number(/Query #(\d+) raised/.exec(textOf(raised))![1]);
    await h.settle();
    return id;
  }

  /** The message the bot posted in a channel whose content includes `text`. */
  function postedWith(channelId: string, text: string): Json | undefined {
    return [...(h.fake.messages.get(channelId)?.values() ?? [])].find((m) => String(m.content).includes(text));
  }

  /** The support thread of a query: the thread started from its card, whose id is the card message's. */
  async function threadOf(queryId: number): Promise<string> {
    const card = await h.bot.runtime.deps.store.messageRefs.find('discord', SUPPORT_CHANNEL, queryId);
    return card!.messageId;
  }

  beforeAll(async () => {
    h = await startDiscordHarness('sqlite');
    say = new MessageDriver(h.fake);
    await h.member('client', 'zoe', ZOE);
    await h.member('agent', 'ann', ANN);
    await h.member('client', 'ivy', IVY);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('starts one thread from the card, recorded by the fake REST and by the store', async () => {
    const q = await raise('Charged twice');
    const thread = await threadOf(q);
    const starts = h.fake.calls('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages/${thread}/threads$`));
    expect(starts).toHaveLength(1);
    expect(starts[0]!.body).toMatchObject({ name: `#${q} Charged twice`, auto_archive_duration: 10080 });
    expect(h.fake.threads.map((t) => t.id)).toContain(thread);
    expect(await h.bot.runtime.deps.store.threads.find('discord', thread, null)).toMatchObject({
      queryId: q,
      audience: 'staff',
    });
  });

  it('finds a thread whose creation answer was lost (160004), and posts a copy whose answer was lost once (nonce)', async () => {
    const { fake } = h;
    // Discord starts the thread but the answer never arrives: the retry is told 160004 and uses the card's id.
    fake.failNext('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages/\\d+/threads$`), 'lose');
    const q = await raise('Lost answers');
    const thread = await threadOf(q);
    const starts = fake.calls('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages/${thread}/threads$`));
    expect(starts.map((r) => r.status)).toEqual([201, 400]);
    expect(fake.threads.filter((t) => t.id === thread)).toHaveLength(1);
    expect(await h.bot.runtime.deps.store.threads.find('discord', thread, null)).toMatchObject({ queryId: q });

    // The copy to Zoe's DM is made but its answer lost: the retry carries the same nonce and gets that message.
    const dm = fake.openDm(ZOE.id);
    fake.failNext('POST', new RegExp(`^/channels/${dm}/messages$`), 'lose');
    say.inChannel(ANN, thread, '!reply Refund done');
    await eventually(async () => (await messagesOf(q)).length === 1, 'the reply');
    await h.settle();
    const tries = posts(dm).filter((r) => textOf(r).includes('Refund done'));
    expect(tries).toHaveLength(2);
    expect(tries[1]!.body.nonce).toBe(tries[0]!.body.nonce);
    expect([...fake.messages.get(dm)!.values()].filter((m) => String(m.content).includes('Refund done'))).toHaveLength(
      1,
    );
    const copies = await h.bot.runtime.deps.store.copies.forMessage((await messagesOf(q))[0]!.id);
    expect(copies.find((c) => c.channelId === dm)?.platformMessageId).toBe(String(postedWith(dm, 'Refund done')!.id));
  });

  it('keeps a thread message as an internal note, a prefixed one public; the client gets only the public one', async () => {
    const q = await raise('Refund please');
    const thread = await threadOf(q);
    const note = say.inChannel(ANN, thread, 'Looks like a *duplicate* charge');
    const [stored] = await eventually(async () => (await messagesOf(q)).length === 1 && messagesOf(q), 'the note');
    expect(stored).toMatchObject({
      visibility: 'internal',
      text: 'Looks like a *duplicate* charge',
      authorRole: 'agent',
      source: { platform: 'discord', channelId: thread, messageId: note.id },
    });

    say.inChannel(ANN, thread, '!reply We refunded the second debit');
    const all = await eventually(async () => (await messagesOf(q)).length === 2 && messagesOf(q), 'the reply');
    expect(all[1]).toMatchObject({ visibility: 'public', text: 'We refunded the second debit' });
    await h.settle();

    // Ann is told, in the thread, as a reply that pings her alone.
    const told = posts(thread).find((r) => textOf(r).includes('Sent to the client'));
    expect(told?.body).toMatchObject({
      message_reference: { message_id: expect.any(String) },
      allowed_mentions: { parse: [], replied_user: true },
    });
    // Zoe's DM holds the public message, not the note; the thread got no copy of what was written in it.
    const dm = h.fake.dmChannelOf(ZOE.id)!;
    const toZoe = posts(dm).map(textOf).join('\n');
    expect(toZoe).toContain('We refunded the second debit');
    expect(toZoe).not.toContain('duplicate');
    expect(posts(thread).filter((r) => textOf(r).includes('duplicate'))).toEqual([]);
  });

  it('routes a DM replying to a relayed message to that query, with its file, and copies it to the thread', async () => {
    const first = await raise('Card declined');
    const second = await raise('App crashes');
    say.inChannel(ANN, await threadOf(first), '!reply Which card was it?');
    await eventually(async () => (await messagesOf(first)).length === 1, 'the question');
    await h.settle();
    const dm = h.fake.dmChannelOf(ZOE.id)!;
    const relayed = postedWith(dm, 'Which card was it?')!;

    // A DM replying to nothing, with several queries open: Zoe is asked which (one button per query).
    const loose = say.inDm(ZOE, 'Any news?');
    const asked = await h.fake.waitFor(
      () => posts(dm).find((r) => (r.body.message_reference as Json | undefined)?.message_id === loose.id),
      'the question which query',
    );
    expect(textOf(asked)).toContain('Which query is this about?');
    expect(buttonIds(asked.body).map((b) => decodeAction(b)?.kind)).toContain('pick');

    const answer = say.inDm(ZOE, 'The Visa ending 42', {
      replyTo: String(relayed.id),
      files: [{ filename: 'card.png', data: TINY_PNG, contentType: 'image/png' }],
    });
    const [, stored] = await eventually(
      async () => (await messagesOf(first)).length === 2 && messagesOf(first),
      'the answer',
    );
    expect(stored).toMatchObject({
      visibility: 'public',
      authorRole: 'client',
      text: 'The Visa ending 42',
      source: { platform: 'discord', channelId: dm, messageId: answer.id },
    });
    expect(stored!.attachments).toHaveLength(1);
    expect(await messagesOf(second)).toEqual([]);
    await h.settle();
    const inThread = posts(await threadOf(first)).find((r) => textOf(r).includes('The Visa ending 42'))!;
    expect(textOf(inThread)).toContain('**Zoe** (client)');
    expect(inThread.files.map((f) => f.contentType)).toEqual(['image/png']);
    expect(inThread.body).toMatchObject({ enforce_nonce: true, nonce: expect.any(String) });
    // Zoe's answer is its own copy in her DM: nothing echoed back to her.
    expect(posts(dm).filter((r) => textOf(r).includes('The Visa ending 42'))).toEqual([]);
  });

  it('mirrors an edit and a deletion: the thread copy edited, then marked deleted; the client copy removed', async () => {
    // Ivy has this one query open: her DMs go to it.
    const q = await raise('Wrong amount', IVY);
    const thread = await threadOf(q);
    const dm = h.fake.openDm(IVY.id);
    const ivySays = say.inDm(IVY, 'It was 40 euros');
    await eventually(async () => (await messagesOf(q)).length === 1, 'the client message');
    await h.settle();
    const copyId = String(postedWith(thread, '40 euros')!.id);

    say.edit(ivySays, 'It was 45 euros');
    await eventually(async () => (await messagesOf(q))[0]?.text === 'It was 45 euros', 'the edit');
    await h.settle();
    const edits = h.fake.calls('PATCH', new RegExp(`^/channels/${thread}/messages/${copyId}$`));
    expect(textOf(edits.at(-1))).toContain('It was 45 euros');
    expect(textOf(edits.at(-1))).toContain('edited');
    expect((await h.bot.runtime.deps.store.messages.revisions((await messagesOf(q))[0]!.id))[0]).toMatchObject({
      kind: 'edit',
      previousText: 'It was 40 euros',
    });

    say.remove(ivySays);
    await eventually(async () => (await messagesOf(q))[0]?.deletedAt, 'the deletion');
    await h.settle();
    expect(textOf(h.fake.calls('PATCH', new RegExp(`^/channels/${thread}/messages/${copyId}$`)).at(-1))).toContain(
      '(deleted)',
    );

    // Ann's public message deleted in the thread: its copy leaves Ivy's DM.
    const annSays = say.inChannel(ANN, thread, '!reply We will check');
    await eventually(async () => (await messagesOf(q)).length === 2, 'the reply');
    await h.settle();
    const dmCopy = postedWith(dm, 'We will check')!;
    say.remove(annSays);
    await h.fake.waitFor(
      () => h.fake.calls('DELETE', new RegExp(`^/channels/${dm}/messages/${dmCopy.id}$`)).length === 1,
      'the DM copy deleted',
    );
  });

  it('stores a dispatch replayed after a RESUME once, and ignores its own and other bots’ messages', async () => {
    const q = await raise('Double login');
    const thread = await threadOf(q);
    const before = h.fake.gateway.sequence;
    say.inChannel(ANN, thread, 'Checking the login logs');
    await eventually(async () => (await messagesOf(q)).length === 1, 'the note');
    // Discord moves the session; on RESUME it sends the note again.
    h.fake.gateway.interrupt(before);
    await h.fake.waitFor(() => h.fake.gateway.resumes.length > 0 && h.fake.gateway.closes.includes(4000), 'the RESUME');
    await h.fake.gateway.whenReady();
    expect(h.fake.gateway.replayed).toContain('MESSAGE_CREATE');
    say.inChannel(ANN, thread, 'Found it');
    await eventually(async () => (await messagesOf(q)).length === 2, 'the next note');
    expect((await messagesOf(q)).map((m) => m.text)).toEqual(['Checking the login logs', 'Found it']);

    // Another bot's message in the thread is not heard, nor are the bot's own copies and answers, which the
    // gateway dispatches back to it (MESSAGE_CREATE of the bot's posts in the thread and in Zoe's DM).
    h.fake.gateway.dispatch('MESSAGE_CREATE', {
      ...postedWith(thread, '')!,
      id: h.fake.box.id(),
      author: { ...OTHER_BOT, discriminator: '0', global_name: null, avatar: null, bot: true },
      content: 'beep',
    });
    say.inChannel(ANN, thread, '!reply All sorted');
    await eventually(async () => (await messagesOf(q)).length === 3, 'the last reply');
    await h.settle();
    expect(postedWith(h.fake.dmChannelOf(ZOE.id)!, 'All sorted')).toBeDefined();
    expect((await messagesOf(q)).map((m) => m.text)).toEqual(['Checking the login logs', 'Found it', 'All sorted']);
    expect(h.log.filter((l) => l.level === 'error')).toEqual([]);
  });
});
