import { encodeAction } from '../../core/views/action-id';
import { SUPPORT_CHANNEL, type Json } from '../discord/discord-ids';
import { textOf, type TestUser } from '../discord/discord-driver';
import type { SlackMessage } from '../slack/fake-slack-messages';
import { scanClientDestinations } from '../support/client-destinations';
import { eventually } from '../discord/message-driver';
import { seqsShown } from '../support/seqs-shown';
import { SLACK_SUPPORT, startTwoPlatformDesk, type TwoPlatformDesk } from '../support/two-platform-desk';

const ZOE: TestUser = { id: '1200000000000000041', username: 'zoe' };
const ANN: TestUser = { id: '1200000000000000042', username: 'ann' };
/** What the internal note says, first as written and then as edited: neither may ever reach the client. */
const SECRET = 'RK7731';
const SECRET_EDITED = 'RK7731 confirmed by finance';

/** Polls until `probe` gives a value: the worker delivers in another process, asynchronously. */
const until = <T>(probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string) =>
  eventually(async () => probe(), what, 30_000);

// One bot with Slack (real Bolt, signed events) and Discord (real discord.js, the fake gateway), MySQL, BullMQ,
// and a `cqms worker` process delivering: the client on Discord, the agent on Slack.
describe('one desk, one conversation across Slack and Discord', () => {
  let d: TwoPlatformDesk;
  let queryId: number;
  let cardTs: string;
  let thread: string;
  const deps = () => d.h.bot.runtime.deps;
  const stored = () => deps().store.messages.forQuery(queryId, { includeInternal: true });
  const slackThread = (): SlackMessage[] => d.fakeSlack.messages.thread(SLACK_SUPPORT, cardTs);
  const slackSays = (m: SlackMessage | undefined) => JSON.stringify(m?.blocks ?? m?.text ?? '');
  const dm = () => d.h.fake.dmChannelOf(ZOE.id);
  /** Messages in a Discord channel as the fake keeps them now, in the order they were posted. */
  const discordShows = (channel: string | undefined): Json[] => [
    ...(d.h.fake.messages.get(channel ?? '')?.values() ?? []),
  ];
  const botPostsIn = (channel: string | undefined) =>
    discordShows(channel).filter((m) => (m.author as Json | undefined)?.id !== ZOE.id);
  /** The copy of a stored message at a place of this platform and channel. */
  const copyOf = async (messageId: number, platform: string, channelId: string) =>
    (await deps().store.copies.forMessage(messageId)).find((c) => c.platform === platform && c.channelId === channelId);
  const delivered = (n: number) => until(async () => (await stored()).length === n, `${n} messages stored`);

  beforeAll(async () => {
    d = await startTwoPlatformDesk();
    await d.member('client', 'zoe', ZOE);
    await d.member('agent', 'ann', ANN, 'U0ANN');
  }, 120_000);
  afterAll(() => d?.close(), 60_000);

  it('a query raised on Discord gets a support thread on each platform', async () => {
    const { driver } = d.h;
    const modal = await driver.callback(driver.slash(ZOE, 'new', { category: 'Billing Problem' }));
    const raised = await driver.callback(
      driver.submit(ZOE, String(modal.body.data.custom_id), {
        heading: 'Charged twice',
        description: 'Two debits on the 3rd',
        mobile: '',
      }),
    );
    queryId = Number(/Query #(\d+) raised/.exec(textOf(raised))![1]);
    const threads = await until(async () => {
      const all = [
        ...(await deps().store.threads.forQuery(queryId, 'slack')),
        ...(await deps().store.threads.forQuery(queryId, 'discord')),
      ].filter((t) => t.audience === 'staff');
      return all.length === 2 && all;
    }, 'a support thread on each platform');
    cardTs = threads.find((t) => t.platform === 'slack')!.threadRootId!;
    thread = threads.find((t) => t.platform === 'discord')!.channelId;
    expect(d.fakeSlack.messages.find(SLACK_SUPPORT, cardTs)?.botId).toBe('BBOT');
    expect(d.h.fake.threads.map((t) => t.id)).toContain(thread);
    expect(d.h.fake.threads.find((t) => t.id === thread)?.parent_id).toBe(SUPPORT_CHANNEL);
  }, 60_000);

  it('the agent answers from the Slack thread (the prefix, the Reply button, /cqms reply); the client gets each in their Discord DM; a note stays with the staff', async () => {
    // A plain message in the Slack thread: an internal note, copied (marked) to the Discord thread only.
    await d.events.say('U0ANN', SLACK_SUPPORT, `Refund key ${SECRET} for the second debit`, { threadTs: cardTs });
    await delivered(1);
    await until(
      () => botPostsIn(thread).find((m) => String(m.content).includes(SECRET)),
      'the note copied to the Discord thread',
    );
    expect(String(botPostsIn(thread).find((m) => String(m.content).includes(SECRET))!.content)).toContain(
      '🔒 **Ann** (agent) · internal note',
    );

    // The public prefix.
    await d.events.say('U0ANN', SLACK_SUPPORT, '!reply We are checking the two debits', { threadTs: cardTs });
    await delivered(2);
    await until(
      () => dm() && botPostsIn(dm()).find((m) => String(m.content).includes('We are checking the two debits')),
      'the prefixed reply in the Discord DM',
    );

    // The Reply button on the Slack card, and its form.
    await d.slack.press('U0ANN', encodeAction({ kind: 'reply', queryId }), { ts: cardTs });
    const form = await d.fakeSlack.waitFor(
      () =>
        d.fakeSlack
          .api('views.open')
          .map((c) => c.body.view as { private_metadata: string; title: { text: string } })
          .find((v) => v.title.text.startsWith('Reply on query')),
      'the reply form',
    );
    const sent = await d.slack.submit('U0ANN', 'V0REPLY', form.private_metadata, {
      text: 'Which card was charged',
    });
    expect(sent.status).toBe(200);
    await delivered(3);

    // The slash command.
    const slash = await d.slack.slash('U0ANN', `reply ${queryId} Please also send the date of the second debit`);
    expect(slash.status).toBe(200);
    await delivered(4);
    await until(
      () =>
        botPostsIn(dm()).filter((m) => /two debits|Which card|date of the second/.test(String(m.content))).length === 3,
      'the three public replies in the Discord DM',
    );
    const messages = await stored();
    expect(messages.map((m) => [m.seq, m.visibility, m.authorRole])).toEqual([
      [1, 'internal', 'agent'],
      [2, 'public', 'agent'],
      [3, 'public', 'agent'],
      [4, 'public', 'agent'],
    ]);
    expect(
      seqsShown(
        botPostsIn(dm()).map((m) => String(m.content)),
        messages,
      ),
    ).toEqual([2, 3, 4]);
  }, 90_000);

  it("the client's answers, replies to a relayed message in their DM, reach both support threads in order", async () => {
    const relayed = botPostsIn(dm()).find((m) => String(m.content).includes('Which card was charged'))!;
    const first = d.say.inDm(ZOE, 'It was the card ending 4242', { replyTo: String(relayed.id) });
    await delivered(5);
    const second = d.say.inDm(ZOE, 'The second debit came on the 4th', { replyTo: String(relayed.id) });
    await delivered(6);
    const messages = await stored();
    expect(messages.slice(4).map((m) => [m.seq, m.authorRole, m.visibility, m.source?.messageId])).toEqual([
      [5, 'client', 'public', first.id],
      [6, 'client', 'public', second.id],
    ]);
    await until(
      () => botPostsIn(thread).filter((m) => /4242|on the 4th/.test(String(m.content))).length === 2,
      'the Discord thread copies',
    );
    await until(
      () => slackThread().filter((m) => /4242|on the 4th/.test(slackSays(m))).length === 2,
      'the Slack thread copies',
    );

    // Every message once, in seq order, in both support threads (the Slack one holds the agent's own two).
    expect(seqsShown(slackThread().map(slackSays), messages)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(
      seqsShown(
        botPostsIn(thread).map((m) => String(m.content)),
        messages,
      ),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    const zoeInSlack = slackThread().filter((m) => /4242|on the 4th/.test(slackSays(m)));
    expect(zoeInSlack.every((m) => m.botId === 'BBOT' && slackSays(m).includes('(client)'))).toBe(true);
    // Her own messages are their copies in her DM: nothing was echoed back to her.
    expect(
      seqsShown(
        botPostsIn(dm()).map((m) => String(m.content)),
        messages,
      ),
    ).toEqual([2, 3, 4]);
  }, 60_000);

  it('edits and deletions are mirrored on every copy, on both platforms', async () => {
    const messages = await stored();
    const [note, prefixed, , , zoeFirst, zoeSecond] = messages;
    const noteTs = note!.source!.messageId;
    const prefixedTs = prefixed!.source!.messageId;

    // The client edits on Discord: the Slack and Discord thread copies say the new text, marked edited.
    const zoeMsg = discordShows(dm()).find((m) => m.id === zoeFirst!.source!.messageId)!;
    d.say.edit(zoeMsg, 'It was the Visa card ending 4242');
    const slackCopy = (await until(() => copyOf(zoeFirst!.id, 'slack', SLACK_SUPPORT), 'the Slack copy'))!;
    await until(
      () => slackSays(d.fakeSlack.messages.find(SLACK_SUPPORT, slackCopy.platformMessageId)).includes('Visa card'),
      'the edit on the Slack copy',
    );
    expect(slackSays(d.fakeSlack.messages.find(SLACK_SUPPORT, slackCopy.platformMessageId))).toContain('edited');
    const threadCopy = (await copyOf(zoeFirst!.id, 'discord', thread))!;
    await until(
      () =>
        /edited[\s\S]*Visa card/.test(
          String(d.h.fake.messages.get(thread)?.get(threadCopy.platformMessageId)?.content),
        ),
      'the edit on the Discord thread copy',
    );

    // The agent edits the note and the public reply on Slack: the note's copy in the Discord thread changes; the
    // reply's copies change in the Discord thread and in the client's DM.
    await d.events.edit(SLACK_SUPPORT, noteTs, `Refund key ${SECRET_EDITED}`);
    await d.events.edit(SLACK_SUPPORT, prefixedTs, '!reply We are checking both debits now');
    const noteCopy = (await copyOf(note!.id, 'discord', thread))!;
    await until(
      () => String(d.h.fake.messages.get(thread)?.get(noteCopy.platformMessageId)?.content).includes(SECRET_EDITED),
      'the edited note in the Discord thread',
    );
    const dmCopy = (await copyOf(prefixed!.id, 'discord', dm()!))!;
    await until(
      () => String(d.h.fake.messages.get(dm()!)?.get(dmCopy.platformMessageId)?.content).includes('both debits now'),
      'the edited reply in the DM',
    );
    const replyInThread = (await copyOf(prefixed!.id, 'discord', thread))!;
    await until(
      () =>
        String(d.h.fake.messages.get(thread)?.get(replyInThread.platformMessageId)?.content).includes(
          'both debits now',
        ),
      'the edited reply in the Discord thread',
    );
    expect((await deps().store.messages.findById(prefixed!.id))?.text).toBe('We are checking both debits now');
    expect((await deps().store.messages.revisions(prefixed!.id)).map((r) => [r.kind, r.previousText])).toEqual([
      ['edit', 'We are checking the two debits'],
    ]);

    // The agent deletes the public reply on Slack: its DM copy goes, the Discord thread copy says (deleted).
    await d.events.remove(SLACK_SUPPORT, prefixedTs);
    await until(
      () =>
        d.h.fake.calls('DELETE', new RegExp(`^/channels/${dm()}/messages/${dmCopy.platformMessageId}$`)).length === 1,
      'the DM copy deleted',
    );
    await until(
      () => String(d.h.fake.messages.get(thread)?.get(replyInThread.platformMessageId)?.content).includes('(deleted)'),
      'the Discord thread copy marked deleted',
    );

    // The client deletes her second message on Discord: both thread copies say (deleted).
    const zoeSecondMsg = discordShows(dm()).find((m) => m.id === zoeSecond!.source!.messageId)!;
    d.say.remove(zoeSecondMsg);
    const slackSecond = (await copyOf(zoeSecond!.id, 'slack', SLACK_SUPPORT))!;
    const discordSecond = (await copyOf(zoeSecond!.id, 'discord', thread))!;
    await until(
      () => slackSays(d.fakeSlack.messages.find(SLACK_SUPPORT, slackSecond.platformMessageId)).includes('(deleted)'),
      'the Slack copy marked deleted',
    );
    await until(
      () => String(d.h.fake.messages.get(thread)?.get(discordSecond.platformMessageId)?.content).includes('(deleted)'),
      'the Discord thread copy marked deleted',
    );
    expect((await deps().store.messages.findById(zoeSecond!.id))?.deletedAt).not.toBeNull();
    expect((await deps().store.messages.revisions(zoeSecond!.id)).map((r) => [r.kind, r.previousText])).toEqual([
      ['delete', 'The second debit came on the 4th'],
    ]);
  }, 90_000);

  it('closed on Slack: the client gets the transcript on Discord; no call to a client destination on any platform ever carried the note', async () => {
    await d.slack.press('U0ANN', encodeAction({ kind: 'claim', queryId }), { ts: cardTs });
    await until(async () => (await deps().store.queries.findById(queryId))?.status === 'In Progress', 'the claim');
    await d.slack.press('U0ANN', encodeAction({ kind: 'close', queryId }), { ts: cardTs });
    const closeModal = await d.fakeSlack.waitFor(
      () =>
        d.fakeSlack
          .api('views.open')
          .map((c) => c.body.view as { private_metadata: string })
          .find((v) => v.private_metadata.includes('"close"')),
      'the close modal',
    );
    await d.slack.submit('U0ANN', 'V0CLOSE', closeModal.private_metadata, { note: 'Refunded the second debit' });
    const transcript = await until(
      () =>
        d.h.fake
          .calls('POST', new RegExp(`^/channels/${dm()}/messages$`))
          .flatMap((r) => r.files)
          .find((f) => f.contentType.startsWith('text/plain')),
      'the transcript in the DM',
    );
    const said = transcript.data.toString('utf8');
    expect(said).toContain('Which card was charged');
    expect(said).toContain('It was the Visa card ending 4242');

    // Wait for the worker to be done with the close, then read every call the bot and the worker made.
    await until(async () => (await d.h.store.store.outbox.pendingCount()) === 0, 'the outbox relayed');
    await new Promise((r) => setTimeout(r, 1_000));
    const scan = scanClientDestinations({
      slack: d.fakeSlack,
      discord: d.h.fake,
      staffChannels: { slack: [SLACK_SUPPORT], discord: [SUPPORT_CHANNEL, thread] },
    });
    // The scan sees what reached the client (the public replies, the transcript)...
    expect(scan.find('Which card was charged').length).toBeGreaterThan(0);
    expect(scan.find('It was the Visa card ending 4242').length).toBeGreaterThan(0);
    expect(scan.calls).toBeGreaterThan(10);
    // ... and nowhere the note, as written or as edited.
    expect(scan.find(SECRET)).toEqual([]);
    // Nor any Slack DM: the client has no Slack account.
    expect(d.fakeSlack.api('conversations.open')).toEqual([]);

    expect(d.h.log.filter((l) => l.level === 'error')).toEqual([]);
    expect(d.worker.output).not.toMatch(/"level":(50|60)/);
  }, 90_000);
});
