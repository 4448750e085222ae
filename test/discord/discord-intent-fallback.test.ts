import { encodeAction } from '../../core/views/action-id';
import { SUPPORT_CHANNEL } from './discord-ids';
import { textOf, type TestUser } from './discord-driver';
import { startDiscordHarness, type DiscordHarness } from './discord-harness';
import { INTENT } from './gateway-intents';
import { eventually, MessageDriver } from './message-driver';

const ZOE: TestUser = { id: '1200000000000000041', username: 'zoe' };
const ANN: TestUser = { id: '1200000000000000042', username: 'ann' };

describe('Discord refuses the Message Content intent (gateway close 4014)', () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    // The developer portal's Message Content switch is off.
    h = await startDiscordHarness('sqlite', {
      beforeStart: (fake) => {
        fake.gateway.refusedIntents = INTENT.messageContent;
      },
    });
    await h.member('client', 'zoe', ZOE);
    await h.member('agent', 'ann', ANN);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('logs one line on how to enable it, connects without it, and commands, buttons and DMs keep working', async () => {
    const { fake, driver } = h;
    // Asked with Message Content, refused with 4014, asked again without it.
    expect(fake.gateway.closes).toEqual([4014]);
    expect(fake.gateway.identifies.map((i) => Number(i.intents) & INTENT.messageContent)).toEqual([
      INTENT.messageContent,
      0,
    ]);
    expect(Number(fake.gateway.identifies[1]!.intents)).toBe(
      INTENT.guilds | INTENT.guildMessages | INTENT.directMessages,
    );
    const told = h.log.filter((l) => /Message Content|4014|intent/i.test(l.message));
    expect(told).toHaveLength(1);
    expect(told[0]!.level).toBe('warn');
    expect(told[0]!.message).toMatch(/Privileged Gateway Intents/);
    expect(told[0]!.message).toContain('https://discord.com/developers/applications/');
    expect(h.discord.describe()).toMatch(/Message Content refused/);

    // A command and its modal work as before.
    const modal = await driver.callback(driver.slash(ZOE, 'new', { category: 'Billing Problem' }));
    const raised = await driver.callback(
      driver.submit(ZOE, String(modal.body.data.custom_id), { heading: 'Charged twice', description: 'x', mobile: '' }),
    );
    const queryId = Number(/Query #(\d+) raised/.exec(textOf(raised))![1]);
    await h.settle();
    const thread = (await h.bot.runtime.deps.store.messageRefs.find('discord', SUPPORT_CHANNEL, queryId))!.messageId;
    const messages = () => h.bot.runtime.deps.store.messages.forQuery(queryId, { includeInternal: true });

    // A button works as before: Ann claims the query from its card.
    const claimed = await driver.callback(
      driver.press(ANN, encodeAction({ kind: 'claim', queryId }), { messageId: thread }),
    );
    expect(textOf(claimed)).toContain('In Progress');

    // A message in the support thread arrives without its text: nothing is stored, nobody is answered.
    const say = new MessageDriver(fake);
    say.inChannel(ANN, thread, 'an internal note nobody can read');
    // A DM keeps its text without the intent: it reaches the query.
    say.inDm(ZOE, 'Any news?');
    await eventually(async () => (await messages()).length > 0, 'the DM stored');
    await h.settle();
    expect((await messages()).map((m) => [m.text, m.authorRole])).toEqual([['Any news?', 'client']]);
    expect(
      fake
        .calls('POST', new RegExp(`^/channels/${thread}/messages$`))
        .map(textOf)
        .join('\n'),
    ).not.toContain('nobody can read');
    expect(h.log.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('Discord refuses Message Content later, when the bot identifies again (the switch turned off meanwhile)', () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    h = await startDiscordHarness('sqlite');
    await h.member('client', 'zoe', ZOE);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('logs the one line and connects again without it; DMs still reach the desk', async () => {
    const { fake } = h;
    expect(Number(fake.gateway.identifies[0]!.intents) & INTENT.messageContent).toBe(INTENT.messageContent);
    fake.gateway.refusedIntents = INTENT.messageContent;
    fake.gateway.invalidateSession();
    await fake.waitFor(() => fake.gateway.identifies.length === 3, 'identifying again without Message Content');
    await fake.gateway.whenReady();
    expect(fake.gateway.closes).toEqual([4014]);
    expect(Number(fake.gateway.identifies[2]!.intents) & INTENT.messageContent).toBe(0);
    expect(h.log.filter((l) => /Message Content|intent/i.test(l.message))).toHaveLength(1);

    const { driver } = h;
    const modal = await driver.callback(driver.slash(ZOE, 'new', { category: 'Billing Problem' }));
    const raised = await driver.callback(
      driver.submit(ZOE, String(modal.body.data.custom_id), { heading: 'Later', description: 'x', mobile: '' }),
    );
    const queryId = Number(/Query #(\d+) raised/.exec(textOf(raised))![1]);
    new MessageDriver(fake).inDm(ZOE, 'Still there?');
    const messages = () => h.bot.runtime.deps.store.messages.forQuery(queryId, { includeInternal: true });
    await eventually(async () => (await messages()).length > 0, 'the DM stored');
    expect(h.log.filter((l) => l.level === 'error')).toEqual([]);
  });
});
