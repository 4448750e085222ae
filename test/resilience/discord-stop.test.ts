import { TINY_PNG } from '../support/png';
import { textOf, type TestUser } from '../discord/discord-driver';
import { startDiscordHarness, type DiscordHarness } from '../discord/discord-harness';

const ZOE: TestUser = { id: '1200000000000000001', username: 'zoe' };

// The Discord side of a graceful stop, in-process: the gateway stays open while the interactions in flight finish.
describe('the Discord platform stopping', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness('sqlite', { ackBudgetMs: 200 });
    await h.member('client', 'zoe', ZOE);
  });
  afterAll(async () => {
    await h.store.dispose().catch(() => undefined);
    await h.fake.close();
  });

  it('finishes the interaction in flight and takes no new one', async () => {
    const { driver, fake, bot } = h;
    fake.cdnDelayMs = 2_000;
    const modal = await driver.callback(
      driver.slash(
        ZOE,
        'new',
        { category: 'Bug Report' },
        { files: { screenshot: { filename: 'slow.png', data: TINY_PNG, contentType: 'image/png' } } },
      ),
    );
    // The submission waits for the slow screenshot download; deferred past the ack budget, it is in flight.
    const inFlight = driver.submit(ZOE, String(modal.body.data.custom_id), {
      heading: 'Sent just before the stop',
      description: 'd',
      mobile: '',
    });
    expect((await driver.callback(inFlight, 'the deferral')).body.type).toBe(5);
    expect(fake.cdnHits).toHaveLength(1);
    const stopAt = Date.now();
    const stopping = bot.stop();
    const late = driver.slash(ZOE, 'help');
    await stopping;

    const answer = await driver.edited(inFlight);
    expect(textOf(answer)).toMatch(/Query #\d+ raised with screenshot slow\.png/);
    expect(answer.at).toBeGreaterThanOrEqual(stopAt);
    expect(await h.store.store.queries.findById(1)).toMatchObject({ heading: 'Sent just before the stop' });
    expect(fake.callbackOf(late.id)).toBeUndefined();
  }, 30_000);
});
