import { decodeAction } from '../../core/views/action-id';
import { SHORTENED_MARK } from '../../core/views/shorten';
import { insertBreaches, LONG_STORY, raiseLongStory } from '../support/breaches';
import { makeActor } from '../support/test-desk';
import type { RecordedCall } from './fake-slack';
import { actionIdsOf } from './slack-driver';
import { startSlackHarness, SUPPORT, type SlackHarness } from './slack-harness';

const textOf = (c: RecordedCall | undefined) => JSON.stringify(c?.body ?? {});
const blocksOf = (c: RecordedCall) => (c.body.blocks as unknown[]) ?? [];

describe('Slack: lists page in place, long text is shortened with Show, the channel card masks the mobile', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness('mysql');
    await h.member('agent', 'ann', 'U0ANN');
    await h.member('lead', 'lee', 'U0LEE');
  });
  afterAll(() => h?.close());

  const responses = (url: string) => h.fake.of('response').filter((c) => c.method === new URL(url).pathname);

  it('answers sla over 120 breaches a page at a time, each message within 50 blocks; Next replaces the list in place', async () => {
    const { driver, fake } = h;
    const client = await makeActor(h.bot.runtime.deps, 'client', 'cleo');
    await insertBreaches(h.bot.runtime.deps, client.userId, 120);
    const sla = await driver.slash('U0LEE', 'sla');
    const [list, stats] = await fake.waitFor(
      () => (responses(sla.responseUrl).length >= 2 ? responses(sla.responseUrl) : undefined),
      'the list and the figures',
    );
    expect(textOf(list)).toMatch(/SLA: 120 breached/);
    expect(textOf(list)).toMatch(/Page 1 of 14 · 120 in total/);
    expect(textOf(list)).not.toMatch(/Recorded SLA breaches/);
    expect(textOf(stats)).toMatch(/Recorded SLA breaches/);
    for (const m of [list!, stats!]) expect(blocksOf(m).length).toBeLessThanOrEqual(50);
    const next = actionIdsOf(list!.body.blocks).find((id) => decodeAction(id)?.kind === 'page')!;
    expect(decodeAction(next)).toEqual({ kind: 'page', list: 'sla', page: 2, filter: '' });

    const pressed = await driver.press('U0LEE', next, { channelId: 'C0GENERAL', ephemeral: true });
    const page2 = await fake.waitFor(() => responses(pressed.responseUrl)[0], 'page 2');
    expect(page2.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(textOf(page2)).toMatch(/Page 2 of 14/);
    expect(textOf(page2)).not.toMatch(/Recorded SLA breaches/);
    expect(actionIdsOf(page2.body.blocks).map((id) => decodeAction(id))).toEqual([
      { kind: 'page', list: 'sla', page: 1, filter: '' },
      { kind: 'page', list: 'sla', page: 3, filter: '' },
    ]);
    await h.settle();
    expect(responses(pressed.responseUrl)).toHaveLength(1);

    // A list that reached the DM as a message (its channel could not take it) is replaced in place too.
    const inDm = await driver.press('U0LEE', next, { channelId: 'DU0LEE', ephemeral: false });
    expect((await fake.waitFor(() => responses(inDm.responseUrl)[0], 'page 2 in the DM')).body).toMatchObject({
      replace_original: true,
    });
  });

  it('posts a long description shortened on the channel card, the mobile masked; Show gives staff the whole text and number', async () => {
    const { driver, fake } = h;
    const deps = h.bot.runtime.deps;
    const zoe = await makeActor(deps, 'client', 'zoe');
    const { query } = await raiseLongStory(deps, zoe);
    await h.settle();
    const card = fake
      .api('chat.postMessage')
      .find((c) => c.body.channel === SUPPORT && textOf(c).includes(LONG_STORY))!;
    expect(textOf(card)).toContain(SHORTENED_MARK);
    expect(textOf(card)).not.toContain('&lt;END&gt;');
    expect(textOf(card)).toContain('••••••3210');
    expect(textOf(card)).not.toContain('9876543210');
    const show = actionIdsOf(card.body.blocks).find((id) => decodeAction(id)?.kind === 'show');
    expect(decodeAction(show!)).toEqual({ kind: 'show', queryId: query.id });

    const pressed = await driver.press('U0ANN', show!, { channelId: SUPPORT });
    const whole = await fake.waitFor(() => responses(pressed.responseUrl)[0], 'the whole query');
    expect(whole.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blocksOf(whole).length).toBeLessThanOrEqual(50);
    expect(textOf(whole)).toContain('START lorem');
    expect(textOf(whole)).toContain('&lt;END&gt;');
    expect(textOf(whole)).not.toContain(SHORTENED_MARK);
    expect(textOf(whole)).toContain('9876543210');
  });

  it('uploads an export to the DM with the app when asked in a channel, and the answer says where the file is', async () => {
    const { driver, fake } = h;
    const exported = await driver.slash('U0LEE', 'export', { channelId: 'C0GENERAL' });
    const answer = await fake.waitFor(() => responses(exported.responseUrl)[0], 'the answer');
    expect(textOf(answer)).toMatch(/cqms-all-[\d-]+\.csv is in your DM with this app/);
    const csv = await fake.waitFor(
      () => fake.api('files.getUploadURLExternal').find((c) => String(c.body.filename).endsWith('.csv')),
      'the CSV upload',
    );
    const file = await fake.waitFor(
      () => fake.api('files.completeUploadExternal').find((c) => c.at >= csv.at),
      'its completion',
    );
    expect(file.body.channel_id).toBe('DU0LEE');

    const inDm = await driver.slash('U0LEE', 'export', { channelId: 'DU0LEE' });
    const dmAnswer = await fake.waitFor(() => responses(inDm.responseUrl)[0], 'the answer in the DM');
    expect(textOf(dmAnswer)).toMatch(/\.csv follows below/);
  });
});
