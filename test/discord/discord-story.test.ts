import { decodeAction } from '../../core/views/action-id';
import { TINY_PNG } from '../support/png';
import { SUPPORT_CHANNEL, type Json } from './discord-ids';
import { buttonIds, textOf, type TestUser } from './discord-driver';
import { startDiscordHarness, type DiscordHarness } from './discord-harness';
import { INTENT } from './gateway-intents';

const ZOE: TestUser = { id: '1200000000000000001', username: 'zoe' };
const ANN: TestUser = { id: '1200000000000000002', username: 'ann' };
const BEN: TestUser = { id: '1200000000000000003', username: 'ben' };
const LEE: TestUser = { id: '1200000000000000004', username: 'lee' };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const kinds = (body: Json) => buttonIds(body).map((id) => decodeAction(id)?.kind);
const embed = (body: Json, i = 0) => ((body.embeds ?? (body.data as Json | undefined)?.embeds ?? []) as Json[])[i]!;

describe('the Discord story on MySQL, through the real discord.js client', () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    h = await startDiscordHarness('mysql');
    await h.member('agent', 'ann', ANN);
    await h.member('agent', 'ben', BEN);
    await h.member('lead', 'lee', LEE);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('register, raise with a screenshot, claim, refused claim, close, rate, team analytics with a chart', async () => {
    const { driver, fake } = h;
    // Guilds, GuildMessages, DirectMessages and MessageContent: the conversation's messages and their text.
    const intents = INTENT.guilds | INTENT.guildMessages | INTENT.directMessages | INTENT.messageContent;
    expect(fake.gateway.identifies[0]).toMatchObject({ token: fake.token, intents });

    // Zoe registers through the modal /cqms register opens: it warns that nothing is masked.
    const reg = await driver.callback(driver.slash(ZOE, 'register'));
    expect(reg.body.type).toBe(9);
    expect(textOf(reg)).toMatch(/do not mask/);
    expect(textOf(reg)).toMatch(/Password \(not masked\)/);
    const welcome = await driver.callback(
      driver.submit(ZOE, String(reg.body.data.custom_id), {
        username: 'zoe',
        email: 'zoe@example.com',
        mobile: '9876501234',
        password: 'zoe-password-1',
      }),
    );
    expect(welcome.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(textOf(welcome)).toContain('is ready and linked to this Discord account. Raise a query with `/cqms new`.');

    // /cqms new with the category and a screenshot: the modal asks the text; the bot fetches the file meanwhile.
    const modal = await driver.callback(
      driver.slash(
        ZOE,
        'new',
        { category: 'Payment Failure' },
        { files: { screenshot: { filename: 'card.png', data: TINY_PNG, contentType: 'image/png' } } },
      ),
    );
    expect(modal.body.type).toBe(9);
    const inputs = (modal.body.data.components as Json[]).map((c) => (c.component as Json | undefined)?.custom_id);
    expect(inputs).toEqual(['heading', 'description', 'mobile']);
    await fake.waitFor(() => fake.cdnHits.length === 1, 'the screenshot download');
    const raised = await driver.callback(
      driver.submit(ZOE, String(modal.body.data.custom_id), {
        heading: 'Card declined',
        description: 'Twice today @everyone @here <@&1300000000000000999>',
        mobile: '',
      }),
    );
    expect(textOf(raised)).toMatch(
      /Query #\d+ raised with screenshot card\.png\. You will hear from us in your DMs with this bot when an agent picks it up\./,
    );

    // The support channel gets the card with a Claim button; no mention in it can ping.
    await h.settle();
    const [posted, ...more] = fake.calls('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages$`));
    expect(more).toEqual([]);
    expect(posted!.body.allowed_mentions).toEqual({ parse: [] });
    expect(embed(posted!.body)).toMatchObject({
      title: '#1 Card declined',
      color: 0x3498db,
      description: expect.stringContaining('@everyone @here'),
    });
    expect(kinds(posted!.body)).toEqual(['claim', 'reply', 'waiting']);
    const queryId = Number(buttonIds(posted!.body)[0]!.split('|')[2]);
    expect(await h.bot.runtime.deps.store.attachments.forQuery(queryId)).toMatchObject([
      { filename: 'card.png', contentType: 'image/png' },
    ]);
    const cardId = (await h.bot.runtime.deps.store.messageRefs.find('discord', SUPPORT_CHANNEL, queryId))!.messageId;
    const claim = buttonIds(posted!.body)[0]!;

    // Ann claims from the card: the same message is edited, Zoe is told by DM.
    const annClaim = await driver.callback(driver.press(ANN, claim, { messageId: cardId, channelId: SUPPORT_CHANNEL }));
    expect(annClaim.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(annClaim)).toMatch(/You claimed query #\d+\. The client will be told\./);
    await h.settle();
    const edited = fake.calls('PATCH', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages/${cardId}$`));
    expect(edited).toHaveLength(1);
    expect(embed(edited[0]!.body)).toMatchObject({ color: 0xf1c40f });
    expect(textOf(edited[0])).toContain('In Progress');
    expect(kinds(edited[0]!.body)).toEqual(['release', 'close', 'reply', 'waiting']);
    expect(fake.calls('POST', /^\/users\/@me\/channels$/).map((r) => r.body.recipient_id)).toEqual([ZOE.id]);
    const dm = fake.dmChannelOf(ZOE.id)!;
    const toldClaim = fake.calls('POST', new RegExp(`^/channels/${dm}/messages$`));
    expect(textOf(toldClaim[0])).toMatch(/Ann is now working on your query/);

    // Ben's claim is refused, naming Ann, to Ben only.
    const benClaim = await driver.callback(driver.press(BEN, claim, { messageId: cardId, channelId: SUPPORT_CHANNEL }));
    expect(benClaim.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(benClaim)).toContain(`Query #${queryId} is already claimed by Ann.`);

    // Close opens a modal; submitting it closes the query, edits the card, and asks Zoe to rate by DM.
    const closeModal = await driver.callback(
      driver.press(ANN, buttonIds(edited[0]!.body)[1]!, { messageId: cardId, channelId: SUPPORT_CHANNEL }),
    );
    expect(closeModal.body).toMatchObject({
      type: 9,
      data: { custom_id: `cqmsf|close|${queryId}||`, title: `Close query #${queryId}` },
    });
    const closed = await driver.callback(
      driver.submit(ANN, String(closeModal.body.data.custom_id), { note: 'Bank had an outage; retried fine' }),
    );
    expect(closed.body.type).toBe(4);
    expect(textOf(closed)).toMatch(/Query #\d+ closed\. The client will be asked to rate it\./);
    await h.settle();
    const closedCard = fake.calls('PATCH', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages/${cardId}$`)).at(-1)!;
    expect(embed(closedCard.body)).toMatchObject({ color: 0x2ecc71 });
    expect(textOf(closedCard)).toContain('Bank had an outage');
    expect(kinds(closedCard.body)).toEqual([]);
    const rateDm = fake
      .calls('POST', new RegExp(`^/channels/${dm}/messages$`))
      .find((r) => kinds(r.body).includes('rate'))!;
    expect(kinds(rateDm.body)).toEqual(['rate', 'rate', 'rate', 'rate', 'rate', 'reopen']);
    expect(fake.calls('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages$`))).toHaveLength(1);

    // Zoe presses five stars in the DM.
    const rated = await driver.callback(driver.press(ZOE, buttonIds(rateDm.body)[4]!, { dm: true, channelId: dm }));
    expect(textOf(rated)).toMatch(/you rated query #\d+ ★★★★★ \(5\/5\)/);
    // ... and the answer takes the place of the DM that asked: the rating where the rating buttons were.
    expect(rated.body.type).toBe(7);
    expect(kinds(rated.body)).toEqual(['reopen']);
    expect(textOf(rated)).toMatch(/Rating.*★★★★★ \(5\/5\)/);

    // Help and hints in Discord's syntax: /cqms commands, sign-in through forms, never a password option.
    const guestHelp = textOf(
      await driver.callback(driver.slash({ id: '1200000000000000009', username: 'gus' }, 'help')),
    );
    expect(guestHelp).toContain('/cqms register');
    expect(guestHelp).toContain('Create your client account and sign in here (opens a form)');
    expect(guestHelp).not.toMatch(/password/i);
    expect(
      textOf(await driver.callback(driver.slash({ id: '1200000000000000009', username: 'gus' }, 'mine'))),
    ).toContain('Sign in first to run `/cqms mine`: use `/cqms login` or `/cqms register`.');
    const clientHelp = textOf(await driver.callback(driver.slash(ZOE, 'help')));
    expect(clientHelp).toContain('Commands for a client');
    expect(clientHelp).toContain('/cqms new');
    expect(textOf(await driver.callback(driver.slash(ANN, 'whoami')))).toContain(
      'You are ann, signed in as an agent on this Discord account.',
    );
    expect(textOf(await driver.callback(driver.slash(ANN, 'help')))).toContain('Commands for an agent');

    // Lee's team analytics: deferred at once, the figures as the answer, then the charts (a job) as a follow-up
    // with PNG attachments on the same interaction, ephemeral like the answer.
    const team = driver.slash(LEE, 'team');
    const deferred = await driver.callback(team);
    expect(deferred.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const answer = await driver.edited(team);
    expect(textOf(answer)).toMatch(/Team analytics/);
    // Seconds read in minutes, not "0.0 h".
    expect(textOf(answer)).toMatch(/"name":"Avg first response","value":"(under 1|\d+) min"/);
    expect(textOf(answer)).not.toContain('0.0 h');
    // The agents table reads as a table: a field per agent, a figure a line.
    const agents = (answer.body.embeds as Json[]).find((e) => e.title === 'Agents')!;
    expect(agents.description).toBeUndefined();
    expect(agents.fields).toEqual([
      {
        name: 'Ann',
        value: expect.stringMatching(
          /^Handled: \*\*1\*\*\nIn progress: \*\*0\*\*\nClosed: \*\*1\*\*\nAvg resolution: \*\*(under 1|\d+) min\*\*\n/,
        ),
        inline: true,
      },
    ]);
    expect(textOf(answer)).toMatch(/6 charts follow as images/);
    const charts = await h.fake.waitFor(
      () => driver.followUps(team).find((f) => f.files.length > 0),
      'the charts follow-up',
    );
    expect(charts.at).toBeGreaterThanOrEqual(answer.at);
    expect(charts.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(charts.body.flags).toBe(64);
    expect(charts.files).toHaveLength(6);
    for (const f of charts.files) {
      expect(f.field).toMatch(/^files\[\d+\]$/);
      expect(f.contentType).toBe('image/png');
      expect(f.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    }
    const images = (charts.body.embeds as Json[]).map((e) => (e.image as Json | undefined)?.url).filter(Boolean);
    expect(images).toEqual(charts.files.map((f) => `attachment://${f.filename}`));
    expect(charts.body.allowed_mentions).toEqual({ parse: [] });

    // Every interaction had its first answer well within Discord's 3 seconds.
    expect(Math.max(...driver.ackTimes())).toBeLessThan(3000);
    expect(h.log.filter((l) => l.level === 'error')).toEqual([]);
  });
});
