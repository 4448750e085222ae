import { decodeAction } from '../../core/views/action-id';
import { SHORTENED_MARK } from '../../core/views/shorten';
import { insertBreaches, LONG_STORY, raiseLongStory } from '../support/breaches';
import { makeActor } from '../support/test-desk';
import { buttonIds, textOf, type TestUser } from './discord-driver';
import { startDiscordHarness, type DiscordHarness } from './discord-harness';
import { SUPPORT_CHANNEL, type Json } from './discord-ids';

const ANN: TestUser = { id: '1200000000000000002', username: 'ann' };
const LEE: TestUser = { id: '1200000000000000004', username: 'lee' };
const embedsOf = (data: Json) => (data.embeds as Json[] | undefined) ?? [];

describe('Discord: lists page in place, long text is shortened with Show, the channel card masks the mobile', () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    h = await startDiscordHarness('mysql');
    await h.member('agent', 'ann', ANN);
    await h.member('lead', 'lee', LEE);
  });
  afterAll(() => h?.close());

  it('answers sla over 120 breaches a page at a time; Next updates the list message in place (type 7)', async () => {
    const { driver, fake } = h;
    const client = await makeActor(h.bot.runtime.deps, 'client', 'cleo');
    await insertBreaches(h.bot.runtime.deps, client.userId, 120);
    const sla = driver.slash(LEE, 'sla');
    const answer = await driver.callback(sla);
    expect(answer.body).toMatchObject({ type: 4, data: { flags: 64 } });
    const [list, ...others] = embedsOf(answer.body.data);
    expect(others).toEqual([]);
    expect(list).toMatchObject({
      title: expect.stringMatching(/SLA: 120 breached/),
      footer: { text: 'Page 1 of 14 · 120 in all' },
    });
    const stats = await fake.waitFor(() => driver.followUps(sla)[0], 'the figures as a follow-up');
    expect(textOf(stats)).toMatch(/Recorded SLA breaches/);
    const next = buttonIds(answer.body.data).at(-1)!;
    expect(decodeAction(next)).toEqual({ kind: 'page', list: 'sla', page: 2, filter: '' });

    const page2 = await driver.callback(driver.press(LEE, next, { ephemeral: true }));
    expect(page2.body.type).toBe(7);
    expect(embedsOf(page2.body.data)).toHaveLength(1);
    expect(textOf(page2)).toMatch(/Page 2 of 14/);
    expect(textOf(page2)).not.toMatch(/Recorded SLA breaches/);
    expect(buttonIds(page2.body.data).map((id) => decodeAction(id))).toEqual([
      { kind: 'page', list: 'sla', page: 1, filter: '' },
      { kind: 'page', list: 'sla', page: 3, filter: '' },
    ]);
  });

  it('posts a long description shortened on the channel card, the mobile masked; Show gives staff the whole text and number', async () => {
    const { driver, fake } = h;
    const deps = h.bot.runtime.deps;
    const zoe = await makeActor(deps, 'client', 'zoe');
    const { query } = await raiseLongStory(deps, zoe);
    await h.settle();
    const card = fake
      .calls('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages$`))
      .find((r) => textOf(r).includes(LONG_STORY))!;
    expect(textOf(card)).toContain(SHORTENED_MARK);
    expect(textOf(card)).not.toContain('END>');
    expect(textOf(card)).toContain('••••••3210');
    expect(textOf(card)).not.toContain('9876543210');
    const show = buttonIds(card.body).find((id) => decodeAction(id)?.kind === 'show');
    expect(decodeAction(show!)).toEqual({ kind: 'show', queryId: query.id });

    const pressed = driver.press(ANN, show!, { channelId: SUPPORT_CHANNEL });
    const answer = await driver.callback(pressed);
    expect(answer.body).toMatchObject({ type: 4, data: { flags: 64 } });
    await h.settle();
    const whole = [textOf(answer), ...driver.followUps(pressed).map((f) => textOf(f))].join('');
    expect(whole).toContain('START lorem');
    expect(whole).toContain('END>');
    expect(whole).not.toContain(SHORTENED_MARK);
    expect(whole).toContain('9876543210');
  });
});
