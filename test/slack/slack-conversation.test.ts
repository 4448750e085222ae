import type { Actor } from '../../core/domain/actor';
import { createQuery } from '../../core/queries/create-query';
import { DESCRIPTION_MAX } from '../../core/schemas/query-input';
import { decodeAction } from '../../core/views/action-id';
import { TINY_PNG } from '../support/png';
import type { StoreKind } from '../support/test-stores';
import type { SlackMessage } from './fake-slack-messages';
import { actionIdsOf } from './slack-driver';
import { SlackEvents } from './slack-events';
import { startSlackHarness, SUPPORT, type SlackHarness } from './slack-harness';

const DM = 'DU0ZOE';
const said = (m: SlackMessage | undefined) => JSON.stringify(m?.blocks ?? m?.text ?? '');

// Conversation on MySQL (production) and SQLite: real Bolt receiving signed event_callback requests, the fake
// keeping every message Slack would show, and the app's own messages echoed back to it as Slack does.
describe.each<StoreKind>(['mysql', 'sqlite'])('a query conversation on Slack (%s)', (kind) => {
  let h: SlackHarness;
  let events: SlackEvents;
  let zoe: Actor;
  let queryId: number;
  let cardTs: string;
  let dmRoot: string;
  const deps = () => h.bot.runtime.deps;
  const staffThread = () => h.fake.messages.thread(SUPPORT, cardTs);
  const dmThread = () => h.fake.messages.thread(DM, dmRoot);
  const stored = (id = queryId) => deps().store.messages.forQuery(id, { includeInternal: true });
  /** The event is answered at once and its work follows: waits (delivery jobs settled each time) until `probe` holds. */
  const until = async (what: string, probe: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await h.settle();
      if (await probe()) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const lastSays = (thread: () => SlackMessage[], text: string) => () => said(thread().at(-1)).includes(text);
  const raise = async (heading: string) => {
    const { query } = await createQuery(
      deps(),
      { ...zoe, platform: 'slack' },
      {
        category: 'Payment Failure',
        heading,
        description: 'Twice today',
      },
    );
    await h.settle();
    return query.id;
  };

  beforeAll(async () => {
    h = await startSlackHarness(kind);
    events = new SlackEvents(h.driver.eventsUrl, h.fake);
    events.echoBotMessages();
    zoe = await h.member('client', 'zoe', 'U0ZOE');
    await h.member('agent', 'ann', 'U0ANN');
    queryId = await raise('Card declined');
    cardTs = String(h.fake.messages.topLevel(SUPPORT).find((m) => said(m).includes(`#${queryId}`))?.ts);
    const root = h.fake.messages.topLevel(DM).find((m) => m.text.includes(`Query #${queryId} raised: Card declined`));
    dmRoot = String(root?.ts);
  });
  afterAll(() => h?.close());

  it("answers Slack's URL check, and the DM thread of the query is rooted at 'Query #N raised'", async () => {
    const check = await events.urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
    expect(check.status).toBe(200);
    expect(check.json).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    expect(cardTs).toMatch(/^\d+\.\d+$/);
    expect(dmRoot).toMatch(/^\d+\.\d+$/);
    expect(h.fake.api('conversations.open').some((c) => c.body.users === 'U0ZOE')).toBe(true);
    expect(await deps().store.threads.forQuery(queryId, 'slack')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ audience: 'staff', channelId: SUPPORT, threadRootId: cardTs }),
        expect.objectContaining({ audience: 'client', channelId: DM, threadRootId: dmRoot }),
      ]),
    );
  });

  it('a reply in the card thread is an internal note: kept, never copied to the client', async () => {
    const note = await events.say('U0ANN', SUPPORT, 'Gateway logs <@U0BOSS> &amp; co', { threadTs: cardTs });
    expect(note.answer.status).toBe(200);
    await until('the note', async () => (await stored()).length === 1);
    const [m] = await stored();
    expect(m).toMatchObject({ visibility: 'internal', authorRole: 'agent', text: 'Gateway logs @U0BOSS & co' });
    expect(m!.source).toEqual({ platform: 'slack', channelId: SUPPORT, messageId: note.ts });
    // Written in the staff thread: that is its copy there. Nothing reached the DM thread.
    expect(staffThread().map((x) => x.ts)).toEqual([note.ts]);
    expect(dmThread()).toEqual([]);
  });

  it('the public prefix sends it to the client, marked, and tells the writer under the thread', async () => {
    const reply = await events.say('U0ANN', SUPPORT, '!reply We found it: &lt;b&gt;retry&lt;/b&gt; now', {
      threadTs: cardTs,
    });
    await until('the copy in the DM thread', lastSays(dmThread, 'We found it'));
    const m = (await stored()).at(-1)!;
    expect(m).toMatchObject({ visibility: 'public', text: 'We found it: <b>retry</b> now' });
    const told = await h.fake.waitFor(
      () => h.fake.api('chat.postEphemeral').find((c) => c.body.user === 'U0ANN' && c.body.thread_ts === cardTs),
      'the answer under the thread',
    );
    expect(JSON.stringify(told.body)).toContain(`Sent to the client on query #${queryId}.`);
    const copy = dmThread().at(-1);
    expect(said(copy)).toContain('We found it: &lt;b&gt;retry&lt;/b&gt; now');
    expect(said(copy)).toContain('Ann');
    expect(said(copy)).not.toContain('!reply');
    expect(reply.answer.status).toBe(200);
  });

  it('a DM in the query thread is the client speaking: copied to the support thread, marked as sent by them', async () => {
    const dm = await events.say('U0ZOE', DM, 'It happened again', { threadTs: dmRoot });
    await until('the copy in the support thread', lastSays(staffThread, 'It happened again'));
    const m = (await stored()).at(-1)!;
    expect(m).toMatchObject({ visibility: 'public', authorRole: 'client', text: 'It happened again' });
    expect(m.source?.messageId).toBe(dm.ts);
    const copy = staffThread().at(-1);
    expect(copy?.botId).toBe('BBOT');
    expect(said(copy)).toContain('It happened again');
    expect(said(copy)).toContain('(client)');
  });

  it('message_changed mirrors the edit on every copy; message_deleted leaves a marker for staff and removes the client copy', async () => {
    const dm = dmThread()
      .filter((m) => m.user === 'U0ZOE')
      .at(-1)!;
    await events.edit(DM, dm.ts, 'It happened again, twice');
    await until('the edit mirrored', () => staffThread().some((m) => said(m).includes('again, twice')));
    const edited = (await stored()).find((m) => m.source?.messageId === dm.ts)!;
    expect(edited.text).toBe('It happened again, twice');
    expect(await deps().store.messages.revisions(edited.id)).toEqual([
      expect.objectContaining({ kind: 'edit', previousText: 'It happened again' }),
    ]);
    const [copy] = await deps()
      .store.copies.forMessage(edited.id)
      .then((cs) => cs.filter((c) => c.channelId === SUPPORT));
    expect(said(h.fake.messages.find(SUPPORT, copy!.platformMessageId))).toContain('It happened again, twice');
    expect(said(h.fake.messages.find(SUPPORT, copy!.platformMessageId))).toContain('edited');

    // Ann deletes her public reply: the client's copy goes, the history keeps what was said.
    const annReply = staffThread()
      .filter((m) => m.user === 'U0ANN')
      .at(-1)!;
    const publicMsg = (await stored()).find((m) => m.source?.messageId === annReply.ts)!;
    const [dmCopy] = (await deps().store.copies.forMessage(publicMsg.id)).filter((c) => c.channelId === DM);
    await events.remove(SUPPORT, annReply.ts);
    await until('the client copy deleted', () => h.fake.messages.wasDeleted(DM, dmCopy!.platformMessageId));
    expect(h.fake.messages.wasDeleted(DM, dmCopy!.platformMessageId)).toBe(true);
    expect((await deps().store.messages.findById(publicMsg.id))?.deletedAt).not.toBeNull();

    // Zoe deletes her message: the staff thread keeps a visible "(deleted)" where it was.
    await events.remove(DM, dm.ts);
    await until('the deleted marker', () =>
      said(h.fake.messages.find(SUPPORT, copy!.platformMessageId)).includes('(deleted)'),
    );
    expect(said(h.fake.messages.find(SUPPORT, copy!.platformMessageId))).toContain('(deleted)');
  });

  it('files shared with a DM are fetched with the bot token and follow the copy into the support thread', async () => {
    const png = { id: 'F0AGAIN', name: 'again.png', mimetype: 'image/png', data: TINY_PNG };
    const dm = await events.say('U0ZOE', DM, 'Screenshot attached', { threadTs: dmRoot, files: [png] });
    await until('the copy and its file', () => (staffThread().at(-1)?.files.length ?? 0) > 0);
    const m = (await stored()).at(-1)!;
    expect(m.source?.messageId).toBe(dm.ts);
    expect(m.attachments.map((a) => a.filename)).toEqual(['again.png']);
    expect(h.fake.of('file').at(-1)?.headers.authorization).toBe(`Bearer ${h.fake.botToken}`);
    const [copy, files] = staffThread().slice(-2);
    expect(said(copy)).toContain('Screenshot attached');
    expect(said(copy)).toContain('1 file below');
    expect(files?.files).toHaveLength(1);

    // Past the size limit: nothing is stored, and the writer is told in their thread why.
    const count = (await stored()).length;
    const huge = { ...png, id: 'F0HUGE', name: 'huge.png', size: 50 * 1024 * 1024 };
    await events.say('U0ZOE', DM, 'And this one', { threadTs: dmRoot, files: [huge] });
    await until('the refusal', lastSays(dmThread, 'huge.png'));
    expect((await stored()).length).toBe(count);
    const refused = dmThread().at(-1);
    expect(said(refused)).toMatch(/huge\.png.*the file is 50\.0 MB; the limit is 5\.0 MB/);
  });

  it('the same event retried (X-Slack-Retry-Num, the same event_id) stores nothing twice', async () => {
    const first = await events.say('U0ZOE', DM, 'Any news?', { threadTs: dmRoot });
    await until('the copy', lastSays(staffThread, 'Any news?'));
    const before = (await stored()).length;
    const copies = staffThread().length;
    const again = await events.deliver(first.envelope, { retryNum: 1, retryReason: 'http_timeout' });
    const third = await events.deliver(first.envelope, { retryNum: 2, retryReason: 'http_error' });
    expect([again.status, third.status]).toEqual([200, 200]);
    // Both retries reached the desk, and were heard (and found stored) before the counts are read.
    const retried = `${String(first.envelope.event_id)} again`;
    await until('both retries heard', () => h.log.filter((l) => l.message.includes(retried)).length === 2);
    await new Promise((r) => setTimeout(r, 200));
    await h.settle();
    expect((await stored()).length).toBe(before);
    expect(staffThread().length).toBe(copies);
    expect(
      h.log.some((l) => l.message.includes(`event ${String(first.envelope.event_id)} again (retry 1, http_timeout)`)),
    ).toBe(true);
  });

  it('a top-level DM with two active queries asks which one, with a button each; the press files it', async () => {
    const second = await raise('Refund missing');
    const dm = await events.say('U0ZOE', DM, 'Is this about the refund?');
    const question = await h.fake.waitFor(
      () =>
        h.fake
          .api('chat.postMessage')
          .find((c) => c.body.channel === DM && JSON.stringify(c.body).includes('Which query is this about?')),
      'the question',
    );
    expect(question.body.thread_ts).toBeUndefined();
    const picks = actionIdsOf(question.body.blocks).map((id) => decodeAction(id));
    expect(picks.map((a) => a?.kind)).toEqual(['pick', 'pick']);
    expect((await stored(second)).length).toBe(0);
    const pick = actionIdsOf(question.body.blocks).find((id) => {
      const a = decodeAction(id);
      return a?.kind === 'pick' && a.queryId === second;
    })!;
    await h.driver.press('U0ZOE', pick, { channelId: DM, ts: String(question.answer?.ts) });
    const secondCard = h.fake.messages.topLevel(SUPPORT).find((m) => said(m).includes(`#${second}`))!;
    await until(
      'the filed message copied',
      lastSays(() => h.fake.messages.thread(SUPPORT, secondCard.ts), 'refund?'),
    );
    const [filed] = await stored(second);
    expect(filed).toMatchObject({ text: 'Is this about the refund?', visibility: 'public' });
    expect(filed!.source?.messageId).toBe(dm.ts);
    expect(said(h.fake.messages.thread(SUPPORT, secondCard.ts).at(-1))).toContain('Is this about the refund?');
  });

  it('copies reach the support thread in seq order, whatever order the work ran in; its own messages the bot ignores', async () => {
    const sent = await Promise.all(
      ['one', 'two', 'three', 'four'].map((t) => events.say('U0ZOE', DM, `burst ${t}`, { threadTs: dmRoot })),
    );
    expect(sent.every((s) => s.answer.status === 200)).toBe(true);
    await until('four copies', () => staffThread().filter((m) => said(m).includes('burst ')).length === 4);
    const bySeq = (await stored()).filter((m) => m.text.startsWith('burst ')).map((m) => m.text);
    expect(bySeq).toHaveLength(4);
    const inThread = staffThread()
      .map((m) => /burst (one|two|three|four)/.exec(said(m))?.[0])
      .filter(Boolean);
    expect(inThread).toEqual(bySeq);
    // Every message the app posted, edited or deleted came back to it, and none was heard as a person's.
    expect(await events.echoed()).toBeGreaterThan(10);
    expect((await stored()).every((m) => m.authorRole === 'client' || m.authorRole === 'agent')).toBe(true);
    expect(h.log.filter((l) => l.level === 'error')).toEqual([]);
  });

  // Last: it adds a client message the stories above do not expect.
  it('a message at the longest core takes, all of it characters escaping grows, is copied whole within Block Kit', async () => {
    // What the client typed: 4,000 characters of `&<>*_~`; Slack sends `&`, `<`, `>` escaped, and mrkdwn escaping
    // grows each again. The fake refuses any block past Slack's limits (a refusal fails the test).
    const typed = '&<>*_~'.repeat(DESCRIPTION_MAX / 6 + 1).slice(0, DESCRIPTION_MAX);
    const sent = typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    await events.say('U0ZOE', DM, sent, { threadTs: dmRoot });
    await until('the long copy in the support thread', async () => (await stored()).at(-1)?.text === typed);
    await until('the copy posted', () => staffThread().some((m) => said(m).includes('*_~&amp;&lt;&gt;')));
  });
});
