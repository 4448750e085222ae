import { decodeAction, encodeAction } from '../../core/views/action-id';
import { TINY_PNG } from '../support/png';
import type { StoreKind } from '../support/test-stores';
import type { RecordedCall } from './fake-slack';
import { actionIdsOf, slackFile } from './slack-driver';
import { startSlackHarness, SUPPORT, type SlackHarness } from './slack-harness';

type Json = Record<string, unknown>;
const kinds = (a: RecordedCall) => actionIdsOf(a.body.blocks).map((id) => decodeAction(id)?.kind);
const textOf = (c: RecordedCall | undefined) => JSON.stringify(c?.body ?? {});
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// The story on MySQL (the production store) and on SQLite (the embedded default).
describe.each<StoreKind>(['mysql', 'sqlite'])('the Slack story on %s, through the real Bolt app', (kind) => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness(kind);
    await h.member('agent', 'ann', 'U0ANN');
    await h.member('agent', 'ben', 'U0BEN');
    await h.member('lead', 'lee', 'U0LEE');
  });
  afterAll(() => h?.close());

  it('register, raise with a screenshot, claim, refused claim, close, rate, team analytics with charts', async () => {
    const { driver, fake } = h;
    const response = (url: string) =>
      fake.waitFor(() => fake.of('response').find((c) => c.method === new URL(url).pathname), `a reply on ${url}`);

    // Zoe registers through the modal /cqms register opens.
    const reg = await driver.slash('U0ZOE', 'register');
    expect(reg.status).toBe(200);
    await fake.waitFor(() => fake.api('views.open').length === 1, 'the register modal');
    const regModal = driver.lastModal();
    expect(JSON.stringify(regModal.blocks)).toMatch(/do not mask/);
    expect(JSON.stringify(regModal.blocks)).toMatch(/Password \(not masked\)/);
    const registered = await driver.submit('U0ZOE', 'V0REG', regModal.private_metadata, {
      username: 'zoe',
      email: 'zoe@example.com',
      mobile: '9876501234',
      password: 'zoe-password-1',
    });
    expect(registered).toMatchObject({ status: 200, text: '' });
    const welcome = await fake.waitFor(
      () => fake.api('chat.postEphemeral').find((c) => c.body.user === 'U0ZOE'),
      'the welcome',
    );
    expect(welcome.body.channel).toBe('C0GENERAL');
    expect(textOf(welcome)).toMatch(/Welcome, zoe!/);
    expect(textOf(welcome)).toContain('is ready and linked to this Slack account. Raise a query with `/cqms new`.');

    // /cqms new opens the modal: categories as a select, the screenshot as an image-only file input.
    await driver.slash('U0ZOE', 'new');
    await fake.waitFor(() => fake.api('views.open').length === 2, 'the new-query modal');
    const newModal = driver.lastModal();
    const blocks = newModal.blocks as (Json & { block_id: string; element: Json })[];
    expect(blocks.map((b) => b.block_id)).toEqual(['category', 'heading', 'description', 'mobile', 'screenshot']);
    expect(blocks[0]!.element.type).toBe('static_select');
    expect(blocks[4]!.element).toMatchObject({
      type: 'file_input',
      filetypes: ['png', 'jpg', 'jpeg', 'gif', 'webp'],
      max_files: 1,
    });

    const shot = slackFile(fake, 'F0SHOT', 'card.png', TINY_PNG, 'image/png');
    const raised = await driver.submit('U0ZOE', 'V0NEW', newModal.private_metadata, {
      category: { select: 'Payment Failure' },
      heading: 'Card declined',
      description: 'Twice today <!channel> <@U0BOSS> & <https://evil.example|click>',
      mobile: null,
      screenshot: { files: [shot] },
    });
    expect(raised).toMatchObject({ status: 200, text: '' });
    const raisedReply = await fake.waitFor(
      () => fake.api('chat.postEphemeral').find((c) => c.body.user === 'U0ZOE' && textOf(c).includes('raised')),
      'the raised answer',
    );
    expect(textOf(raisedReply)).toMatch(
      /Query #\d+ raised with screenshot card\.png\. You will hear from us in your DM with this app when an agent picks it up\./,
    );
    const download = fake.of('file').at(-1)!;
    expect(download.headers.authorization).toBe('Bearer xoxb-test');

    // The support channel gets the card with a Claim button; user text is escaped.
    const posted = await fake.waitFor(
      () => fake.api('chat.postMessage').find((c) => c.body.channel === SUPPORT),
      'the channel card',
    );
    expect(kinds(posted)).toEqual(['claim', 'reply', 'waiting']);
    const cardJson = textOf(posted);
    expect(cardJson).toContain('&lt;!channel&gt; &lt;@U0BOSS&gt; &amp; &lt;https://evil.example|click&gt;');
    expect(cardJson).not.toMatch(/<!channel>|<@U0BOSS>/);
    const queryId =
      decodeAction(actionIdsOf(posted.body.blocks)[0]!)!.kind === 'claim'
        ? Number(actionIdsOf(posted.body.blocks)[0]!.split('|')[2])
        : 0;
    const stored = await h.bot.runtime.deps.store.attachments.forQuery(queryId);
    expect(stored).toMatchObject([{ filename: 'card.png', contentType: 'image/png' }]);
    await h.settle();
    const ts = (await h.bot.runtime.deps.store.messageRefs.find('slack', SUPPORT, queryId))!.messageId;

    // Ann claims from the card: the same message is updated, Zoe is told by DM.
    const claim = encodeAction({ kind: 'claim', queryId });
    const annClaim = await driver.press('U0ANN', claim, { ts });
    expect(annClaim.status).toBe(200);
    expect(textOf(await response(annClaim.responseUrl))).toMatch(/You claimed query #\d+\. The client will be told\./);
    const updated = await fake.waitFor(
      () => fake.api('chat.update').find((c) => textOf(c).includes('In Progress')),
      'the card update',
    );
    expect(updated.body).toMatchObject({ channel: SUPPORT, ts });
    expect(kinds(updated)).toEqual(['release', 'close', 'reply', 'waiting']);
    await fake.waitFor(() => fake.api('conversations.open').find((c) => c.body.users === 'U0ZOE'), 'the DM channel');
    const told = await fake.waitFor(
      () =>
        fake
          .api('chat.postMessage')
          .find((c) => c.body.channel === 'DU0ZOE' && textOf(c).includes('is now working on your query')),
      'the claim DM',
    );
    expect(textOf(told)).toMatch(/Ann is now working on your query/);

    // Ben's claim is refused, naming Ann, to Ben only.
    const benClaim = await driver.press('U0BEN', claim, { ts });
    const refused = await response(benClaim.responseUrl);
    expect(refused.body.response_type).toBe('ephemeral');
    expect(textOf(refused)).toContain(`Query #${queryId} is already claimed by Ann.`);

    // Close opens a modal; submitting it closes the query, updates the card, asks Zoe to rate.
    await driver.press('U0ANN', encodeAction({ kind: 'close', queryId }), { ts });
    const closeModal = await fake.waitFor(
      () =>
        fake
          .api('views.open')
          .map((c) => c.body.view as Json & { private_metadata: string })
          .find((v) => v.private_metadata.includes('"close"')),
      'the close modal',
    );
    expect(JSON.parse(closeModal.private_metadata)).toEqual({ f: 'close', q: queryId, c: SUPPORT });
    const closed = await driver.submit('U0ANN', 'V0CLOSE', closeModal.private_metadata, {
      note: 'Bank had an outage; retried fine',
    });
    expect(closed).toMatchObject({ status: 200, text: '' });
    const closedReply = await fake.waitFor(
      () => fake.api('chat.postEphemeral').find((c) => c.body.user === 'U0ANN' && textOf(c).includes('closed.')),
      'the closed answer',
    );
    expect(textOf(closedReply)).toMatch(/Query #\d+ closed\. The client will be asked to rate it\./);
    const closedCard = await fake.waitFor(
      () => fake.api('chat.update').find((c) => textOf(c).includes('Closed') && c.body.ts === ts),
      'the closed card',
    );
    expect(kinds(closedCard)).toEqual([]);
    const rateDm = await fake.waitFor(
      () => fake.api('chat.postMessage').find((c) => c.body.channel === 'DU0ZOE' && kinds(c).includes('rate')),
      'the rating DM',
    );
    expect(kinds(rateDm)).toEqual(['rate', 'rate', 'rate', 'rate', 'rate', 'reopen']);
    expect(fake.api('chat.postMessage').filter((c) => c.body.channel === SUPPORT)).toHaveLength(1);

    // Zoe presses 5 in the DM.
    const five = actionIdsOf(rateDm.body.blocks)[4]!;
    const rateTs = String(rateDm.answer?.ts);
    await driver.press('U0ZOE', five, { channelId: 'DU0ZOE', ts: rateTs });
    // The answer takes the place of the DM that asked: the rating where the rating buttons were.
    const rated = await fake.waitFor(
      () => fake.api('chat.update').find((c) => c.body.channel === 'DU0ZOE'),
      'the rating DM updated',
    );
    expect(rated.body.ts).toBe(rateTs);
    expect(textOf(rated)).toMatch(/Thank you: you rated query #\d+ ★★★★★ \(5\/5\)/);
    expect(textOf(rated)).toMatch(/Rating\*\\n★★★★★ \(5\/5\)/);
    expect(kinds(rated)).toEqual(['reopen']);

    // Help and hints in Slack's syntax: /cqms commands, sign-in through forms, never a password option.
    const guestHelp = textOf(await response((await driver.slash('U0GUS', 'help')).responseUrl));
    expect(guestHelp).toContain('/cqms register');
    expect(guestHelp).toContain('Create your client account and sign in here (opens a form)');
    expect(guestHelp).not.toMatch(/password/i);
    const guestMine = textOf(await response((await driver.slash('U0GUS', 'mine')).responseUrl));
    expect(guestMine).toContain('Sign in first to run `/cqms mine`: use `/cqms login` or `/cqms register`.');
    const whoami = textOf(await response((await driver.slash('U0ANN', 'whoami')).responseUrl));
    expect(whoami).toContain('You are ann, signed in as an agent on this Slack account.');

    // Lee asks for team analytics: acknowledged at once, figures on the response_url, then the charts (a job)
    // uploaded to his DM with the app: the channel the command was typed in is public.
    const team = await driver.slash('U0LEE', 'team');
    expect(team.json).toMatchObject({
      response_type: 'ephemeral',
      text: 'Working on `/cqms team`; the answer follows here in a moment.',
    });
    const stats = await response(team.responseUrl);
    expect(textOf(stats)).toMatch(/Team analytics/);
    expect(JSON.stringify(stats.body.blocks)).toMatch(/\*Closed\*\\n1/);
    // Seconds read in minutes, not "0.0 h".
    expect(JSON.stringify(stats.body.blocks)).toMatch(/\*Avg first response\*\\n(under 1|\d+) min/);
    expect(JSON.stringify(stats.body.blocks)).not.toContain('0.0 h');
    // The agents table reads as a table: aligned columns in a code block.
    const table = (stats.body.blocks as { text?: { text: string } }[])
      .map((b) => b.text?.text ?? '')
      .find((t) => t.startsWith('```Agent'));
    expect(table).toMatch(
      /^```Agent +Handled +In progress +Closed +Avg resolution +Median +First reply +Msgs\/query +Waited on client +Breaches +Alerted\n─+( +─+){10}\nAnn +1 +0 +1 +(under 1|\d+) min +(under 1|\d+) min +(-|(under 1|\d+) min) +\d+\.\d +- +0 +0```$/,
    );
    expect(textOf(stats)).toMatch(/6 charts follow as images/);
    const complete = await fake.waitFor(() => fake.api('files.completeUploadExternal')[0], 'the chart upload');
    expect(complete.body.channel_id).toBe('DU0LEE');
    const asked = fake.api('files.getUploadURLExternal');
    expect(asked.length).toBeGreaterThanOrEqual(6);
    expect(asked.every((c) => String(c.body.filename).endsWith('.png'))).toBe(true);
    const uploads = fake.of('upload');
    expect(uploads).toHaveLength(asked.length);
    for (const u of uploads) expect(u.raw.includes(PNG_SIGNATURE)).toBe(true);
    expect((complete.body.files as unknown[]).length).toBe(asked.length);

    // Ann's App Home: her queue and her work in progress.
    await driver.homeOpened('U0ANN');
    const home = await fake.waitFor(
      () => fake.api('views.publish').find((c) => c.body.user_id === 'U0ANN' && textOf(c).includes('Open queue')),
      'the App Home',
    );
    expect(textOf(home)).toMatch(/Your queries in progress/);

    // Every interaction was acknowledged within Slack's 3 seconds.
    for (const t of driver.timings) expect(t.ms).toBeLessThan(3000);
    expect(h.log.filter((l) => l.level === 'error')).toEqual([]);
  });
});
