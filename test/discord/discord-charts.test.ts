import { GatedRenderer } from '../support/gated-renderer';
import { raiseSampleQuery } from '../support/test-desk';
import { DESK_CHANNEL, LEADS_CHANNEL, type Json } from './discord-ids';
import { textOf, type TestUser } from './discord-driver';
import { startDiscordHarness, type DiscordHarness } from './discord-harness';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LEE: TestUser = { id: '1200000000000000004', username: 'lee' };
const MINUTE = 60_000;

// On MySQL with the in-process queue (no REDIS_URL): the chart job runs in the bot, after the answer.
describe('Discord analytics charts come as a job after the answer', () => {
  let h: DiscordHarness;
  const renderer = new GatedRenderer();
  /** How far the notifier's clock is ahead of the interaction's. */
  let ahead = 0;

  beforeAll(async () => {
    h = await startDiscordHarness('mysql', {
      charts: renderer,
      now: () => new Date(Date.now() + ahead),
      env: { DISCORD_LEADS_CHANNEL_ID: LEADS_CHANNEL },
    });
    await h.member('lead', 'lee', LEE);
    await raiseSampleQuery(h.bot.runtime.deps);
    await h.settle();
  });
  afterAll(() => h?.close());
  beforeEach(() => {
    renderer.close();
    ahead = 0;
  });

  const channelImages = (channel: string) =>
    h.fake.calls('POST', new RegExp(`^/channels/${channel}/messages$`)).filter((r) => r.files.length > 0);

  it('defers and answers with the figures while the charts are drawn, then follows up with them as attachments', async () => {
    const { driver, fake } = h;
    const team = driver.slash(LEE, 'team');
    expect((await driver.callback(team)).body).toMatchObject({ type: 5, data: { flags: 64 } });
    const answer = await driver.edited(team);
    expect(textOf(answer)).toMatch(/6 charts follow as images/);
    await fake.waitFor(() => renderer.asked.length > 0, 'the chart job to start drawing');
    await new Promise((r) => setTimeout(r, 100));
    expect(driver.followUps(team)).toEqual([]);

    renderer.open();
    const charts = await fake.waitFor(
      () => driver.followUps(team).find((f) => f.files.length > 0),
      'the charts follow-up',
    );
    expect(charts.at).toBeGreaterThanOrEqual(answer.at);
    expect(charts.body.flags).toBe(64);
    expect(charts.files).toHaveLength(6);
    for (const f of charts.files) expect(f.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(h.log.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('waits for a slow answer: the follow-up never takes the place of the "thinking" message', async () => {
    const { driver, fake } = h;
    renderer.open();
    // The edit carrying the figures is held back by a 429 while the charts are already drawn.
    fake.rateLimitNext('PATCH', /\/messages\/@original$/, 1);
    const team = driver.slash(LEE, 'team');
    const charts = await fake.waitFor(
      () => driver.followUps(team).find((f) => f.files.length > 0),
      'the charts follow-up',
      10_000,
    );
    const edit = fake.requests.find(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/${team.token}/messages/@original`) && r.status === 200,
    );
    expect(edit).toBeDefined();
    expect(charts.at).toBeGreaterThanOrEqual(edit!.at);
  });

  it("sends the charts of the ephemeral answer to the asker's DM once its 15-minute window has passed, never to the channel", async () => {
    const { driver, fake } = h;
    renderer.open();
    ahead = 16 * MINUTE;
    const before = channelImages(DESK_CHANNEL).length;
    const team = driver.slash(LEE, 'team');
    await driver.edited(team);
    const posted = await fake.waitFor(
      () => channelImages(fake.dmChannelOf(LEE.id) ?? 'no DM opened')[0],
      'the charts in the DM',
    );
    expect(posted.files).toHaveLength(6);
    expect(posted.body.flags).toBeUndefined();
    expect(driver.followUps(team)).toEqual([]);
    expect(channelImages(DESK_CHANNEL)).toHaveLength(before);
    // The token never reaches a log line.
    expect(h.log.some((l) => l.message.includes(team.token))).toBe(false);
  });

  it('drops the charts, not posting them in the channel, when the window has passed and the asker takes no DMs', async () => {
    const { driver, fake } = h;
    renderer.open();
    ahead = 16 * MINUTE;
    fake.closeDms(LEE.id);
    const before = channelImages(DESK_CHANNEL).length;
    const team = driver.slash(LEE, 'team');
    await driver.edited(team);
    await fake.waitFor(
      () => h.log.find((l) => /charts for Discord user .* were dropped/.test(l.message)),
      'the dropped charts warning',
    );
    expect(channelImages(DESK_CHANNEL)).toHaveLength(before);
  });

  it('posts a digest to the leads channel: the figures, then its charts as images', async () => {
    renderer.open();
    await h.bot.runtime.queue.enqueue({ name: 'digest', period: 'weekly' });
    await h.settle();
    const posts = h.fake.calls('POST', new RegExp(`^/channels/${LEADS_CHANNEL}/messages$`));
    expect(JSON.stringify(posts[0]?.body.embeds)).toMatch(/Weekly digest/);
    expect(JSON.stringify(posts.map((p) => p.body.embeds as Json[]))).toMatch(/Bug Report/);
    const images = posts.flatMap((p) => p.files);
    expect(images).toHaveLength(4);
    for (const f of images) expect(f.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });
});
