import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { encodeAction } from '../../core/views/action-id';
import { APP_ID, SUPPORT_CHANNEL } from '../discord/discord-ids';
import { textOf, type TestUser } from '../discord/discord-driver';
import { startDiscordHarness, type DiscordHarness } from '../discord/discord-harness';
import { CqmsProcess } from '../resilience/cli-process';
import { dropQueue } from '../resilience/fault-support';
import { REDIS_URL } from '../support/queues-under-test';

const YAN: TestUser = { id: '1200000000000000012', username: 'yan' };
const ANN: TestUser = { id: '1200000000000000013', username: 'ann' };

async function until(probe: () => Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// With Redis the bot answers interactions and a worker delivers notifications: the client whose DMs are closed
// is reached by the worker through the interaction token the bot kept in Redis.
describe('a Discord client with closed DMs, told by a cqms worker', () => {
  const prefix = `cqms-dmf-${process.pid}-${randomBytes(3).toString('hex')}`;
  const tokenKey = `${prefix}:discord-interaction:${YAN.id}`;
  let h: DiscordHarness;
  let worker: CqmsProcess;
  let redis: Redis;
  let queryId = 0;
  let raisedToken = '';

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    h = await startDiscordHarness('mysql', { env: { REDIS_URL, CQMS_QUEUE_PREFIX: prefix } });
    await h.member('client', 'yan', YAN);
    await h.member('agent', 'ann', ANN);
    worker = new CqmsProcess(['worker'], {
      DATABASE_URL: h.store.url,
      REDIS_URL,
      CQMS_QUEUE_PREFIX: prefix,
      DISCORD_TOKEN: h.fake.token,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL,
      DISCORD_API_URL: h.fake.apiUrl,
    });
    await worker.waitFor('CQMS worker running');
  }, 60_000);
  afterAll(async () => {
    await worker?.kill();
    await h?.close();
    await redis.del(tokenKey);
    redis.disconnect();
    await dropQueue(prefix);
  });

  it('gets the ephemeral follow-up on the interaction the bot answered', async () => {
    const { driver, fake } = h;
    fake.closeDms(YAN.id);
    const modal = await driver.callback(driver.slash(YAN, 'new', { category: 'Bug Report' }));
    const raised = driver.submit(YAN, String(modal.body.data.custom_id), {
      heading: 'Closed DMs',
      description: 'It broke',
      mobile: '',
    });
    queryId = Number(/Query #(\d+) raised/.exec(textOf(await driver.callback(raised)))?.[1]);
    raisedToken = fake.requests
      .filter((r) => r.path.startsWith(`/interactions/${raised.id}/`))
      .at(-1)!
      .path.split('/')[3]!;
    // Kept per user, expiring with the token (less the minute in hand).
    await until(async () => (await redis.get(tokenKey))?.includes(raisedToken) ?? false, 'the token in Redis');
    const ttl = await redis.pttl(tokenKey);
    expect(ttl).toBeGreaterThan(13 * 60_000);
    expect(ttl).toBeLessThanOrEqual(14 * 60_000);

    await driver.callback(driver.press(ANN, encodeAction({ kind: 'claim', queryId })));
    const followUp = await fake.waitFor(
      () =>
        fake.requests.find(
          (r) =>
            r.method === 'POST' &&
            r.path === `/webhooks/${APP_ID}/${raisedToken}` &&
            /Ann is now working on your query/.test(textOf(r)),
        ),
      'the follow-up from the worker',
      20_000,
    );
    expect(followUp.body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    expect(followUp.headers.authorization).toBeUndefined();
    const refused = fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${fake.dmChannelOf(YAN.id)}/messages`,
    );
    expect(refused.map((r) => r.status)).toEqual([403]);
    expect(worker.output).not.toContain(raisedToken);
    expect(JSON.stringify(h.log)).not.toContain(raisedToken);
  }, 60_000);

  it('is asked in the support channel, pinged alone, to open their DMs when no interaction of theirs is recent', async () => {
    const { driver, fake } = h;
    await redis.del(tokenKey); // the 15 minutes have passed
    await driver.callback(driver.press(ANN, encodeAction({ kind: 'release', queryId })));
    const asked = await fake.waitFor(
      () =>
        fake.requests.find(
          (r) =>
            r.method === 'POST' &&
            r.path === `/channels/${SUPPORT_CHANNEL}/messages` &&
            textOf(r).includes(`<@${YAN.id}>`),
        ),
      'the message in the support channel',
      20_000,
    );
    const content = String(asked.body.content);
    expect(content).toMatch(new RegExp(`^<@${YAN.id}> Your query #${queryId} is back in the queue`));
    expect(content).toMatch(/direct messages from this server are closed/);
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(asked.body.allowed_mentions).toEqual({ parse: [], users: [YAN.id] });
    expect(asked.status).toBe(200);
  }, 60_000);
});
