import { decodeAction, encodeAction } from '../../core/views/action-id';
import { FakeSlack, type RecordedCall } from '../slack/fake-slack';
import { actionIdsOf, SlackDriver, TEAM } from '../slack/slack-driver';
import { SLACK_SUPPORT, slackBeside, slackEnvOn, slackPlatformOf } from '../support/slack-beside-discord';
import { SUPPORT_CHANNEL } from './discord-ids';
import { buttonIds, textOf, type TestUser } from './discord-driver';
import { startDiscordHarness, type DiscordHarness } from './discord-harness';

const ZOE: TestUser = { id: '1200000000000000021', username: 'zoe' };
const slackText = (c: RecordedCall | undefined) => JSON.stringify(c?.body ?? {});
const slackKinds = (c: RecordedCall) => actionIdsOf(c.body.blocks).map((id) => decodeAction(id)?.kind);

describe('one desk across platforms: raised on Discord, claimed and closed on Slack', () => {
  let h: DiscordHarness;
  let fakeSlack: FakeSlack;
  let slack: SlackDriver;

  beforeAll(async () => {
    fakeSlack = await FakeSlack.start();
    h = await startDiscordHarness('sqlite', {
      env: { ...slackEnvOn(fakeSlack), PORT: '0' },
      more: slackBeside,
    });
    slack = new SlackDriver(slackPlatformOf(h).eventsUrl!, fakeSlack);
    await h.member('client', 'zoe', ZOE);
    const ann = await h.member('agent', 'ann', { id: '1200000000000000022', username: 'ann' });
    await h.bot.runtime.deps.store.identities.link({
      platform: 'slack',
      workspaceId: TEAM,
      platformUserId: 'U0ANN',
      userId: ann.userId,
      linkedAt: new Date(),
    });
  });
  afterAll(async () => {
    await h?.close();
    await fakeSlack?.close();
  });

  it('updates every support-channel copy (Slack and Discord) and tells the client on Discord', async () => {
    const { driver, fake } = h;
    const modal = await driver.callback(driver.slash(ZOE, 'new', { category: 'Billing Problem' }));
    const raised = await driver.callback(
      driver.submit(ZOE, String(modal.body.data.custom_id), {
        heading: 'Charged twice',
        description: 'Two debits on the 3rd',
        mobile: '',
      }),
    );
    const queryId = Number(/Query #(\d+) raised/.exec(textOf(raised))![1]);
    await h.settle();

    // The card is in both support channels, each with its Claim button.
    const discordCard = fake.calls('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages$`));
    expect(discordCard).toHaveLength(1);
    expect(buttonIds(discordCard[0]!.body)).toEqual(
      (['claim', 'reply', 'waiting'] as const).map((kind) => encodeAction({ kind, queryId })),
    );
    const slackCard = fakeSlack.api('chat.postMessage').filter((c) => c.body.channel === SLACK_SUPPORT);
    expect(slackCard).toHaveLength(1);
    expect(slackKinds(slackCard[0]!)).toEqual(['claim', 'reply', 'waiting']);
    const ts = (await h.bot.runtime.deps.store.messageRefs.find('slack', SLACK_SUPPORT, queryId))!.messageId;
    const discordMessage = (await h.bot.runtime.deps.store.messageRefs.find('discord', SUPPORT_CHANNEL, queryId))!
      .messageId;

    // Ann claims on Slack: both copies are edited in place; Zoe hears of it on Discord, where she raised it.
    await slack.press('U0ANN', encodeAction({ kind: 'claim', queryId }), { ts });
    await fakeSlack.waitFor(
      () => fakeSlack.api('chat.update').find((c) => slackText(c).includes('In Progress')),
      'the Slack card update',
    );
    await h.settle();
    const claimedOnDiscord = fake.calls(
      'PATCH',
      new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages/${discordMessage}$`),
    );
    expect(claimedOnDiscord).toHaveLength(1);
    expect(textOf(claimedOnDiscord[0])).toContain('In Progress');
    const dm = fake.dmChannelOf(ZOE.id)!;
    await fake.waitFor(
      () =>
        fake
          .calls('POST', new RegExp(`^/channels/${dm}/messages$`))
          .find((r) => textOf(r).includes('Ann is now working on your query')),
      'the claim DM on Discord',
    );

    // Ann closes on Slack through the modal: both copies show it closed; Zoe is asked to rate on Discord.
    await slack.press('U0ANN', encodeAction({ kind: 'close', queryId }), { ts });
    const closeModal = await fakeSlack.waitFor(
      () =>
        fakeSlack
          .api('views.open')
          .map((c) => c.body.view as { private_metadata: string })
          .find((v) => v.private_metadata.includes('"close"')),
      'the close modal',
    );
    expect(
      (await slack.submit('U0ANN', 'V0CLOSE', closeModal.private_metadata, { note: 'Refunded the second debit' }))
        .status,
    ).toBe(200);
    await fakeSlack.waitFor(
      () => fakeSlack.api('chat.update').find((c) => c.body.ts === ts && slackText(c).includes('Closed')),
      'the closed Slack card',
    );
    await h.settle();
    const closedOnDiscord = fake
      .calls('PATCH', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages/${discordMessage}$`))
      .at(-1)!;
    expect(textOf(closedOnDiscord)).toContain('Refunded the second debit');
    expect(buttonIds(closedOnDiscord.body)).toEqual([]);
    const rateDm = await fake.waitFor(
      () =>
        fake
          .calls('POST', new RegExp(`^/channels/${dm}/messages$`))
          .find((r) => buttonIds(r.body).some((b) => decodeAction(b)?.kind === 'rate')),
      'the rating DM on Discord',
    );
    expect(buttonIds(rateDm.body).map((b) => decodeAction(b)?.kind)).toEqual([
      'rate',
      'rate',
      'rate',
      'rate',
      'rate',
      'reopen',
    ]);

    // Each channel holds one card for the query; Zoe, who has no Slack account, got nothing there.
    expect(fake.calls('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages$`))).toHaveLength(1);
    expect(fakeSlack.api('chat.postMessage').filter((c) => c.body.channel === SLACK_SUPPORT)).toHaveLength(1);
    expect(fakeSlack.api('conversations.open')).toEqual([]);
    expect(h.log.filter((l) => l.level === 'error')).toEqual([]);
  });
});
