import { CATALOG } from '../../core/commands/catalog';
import { encodeAction } from '../../core/views/action-id';
import { TINY_PNG } from '../support/png';
import { APP_ID, GUILD_ID, SUPPORT_CHANNEL, type Json } from './discord-ids';
import { buttonIds, textOf, type TestUser } from './discord-driver';
import { cqms, startDiscordHarness, type DiscordHarness } from './discord-harness';

const ZOE: TestUser = { id: '1200000000000000011', username: 'zoe' };
const YAN: TestUser = { id: '1200000000000000012', username: 'yan' };
const ANN: TestUser = { id: '1200000000000000013', username: 'ann' };
const BEN: TestUser = { id: '1200000000000000014', username: 'ben' };
const LEE: TestUser = { id: '1200000000000000015', username: 'lee' };

describe('the Discord adapter refuses, retries and de-duplicates (SQLite)', () => {
  let h: DiscordHarness;
  let queryId = 0;

  /** Raises a query as a client through the two steps Discord takes: the command, then its modal. */
  async function raise(user: TestUser, heading: string, description = 'It broke'): Promise<number> {
    const modal = await h.driver.callback(h.driver.slash(user, 'new', { category: 'Bug Report' }));
    const done = await h.driver.callback(
      h.driver.submit(user, String(modal.body.data.custom_id), { heading, description, mobile: '' }),
    );
    return Number(/Query #(\d+) raised/.exec(textOf(done))?.[1]);
  }

  /** A query raised by a user whose DMs are closed, and the token of the interaction that raised it. */
  async function raiseWithDmsClosed(user: TestUser, heading: string): Promise<{ id: number; raisedToken: string }> {
    h.fake.closeDms(user.id);
    const id = await raise(user, heading);
    const raisedToken = h.fake.requests
      .filter((r) => r.path.startsWith('/interactions/'))
      .at(-1)!
      .path.split('/')[3]!;
    await h.settle();
    return { id, raisedToken };
  }

  beforeAll(async () => {
    h = await startDiscordHarness('sqlite');
    await h.member('client', 'zoe', ZOE);
    await h.member('client', 'yan', YAN);
    await h.member('agent', 'ann', ANN);
    await h.member('agent', 'ben', BEN);
    await h.member('lead', 'lee', LEE);
    queryId = await raise(ZOE, 'Export hangs');
    await h.settle();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a client pressing Claim through a crafted component, and ids that are not ours', async () => {
    const { driver } = h;
    const crafted = await driver.callback(driver.press(ZOE, encodeAction({ kind: 'claim', queryId })));
    expect(crafted.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(crafted)).toContain('A client may not run `/cqms claim`.');
    expect(textOf(await driver.callback(driver.press(ZOE, 'cqms|claim|1;DROP')))).toMatch(/not recognized/);
    expect(textOf(await driver.callback(driver.submit(ZOE, 'cqmsf|admin|1||', { note: 'x' })))).toMatch(
      /does not know this command or button/,
    );
    expect((await h.bot.runtime.deps.store.queries.findById(queryId))!.status).toBe('Open');
  });

  it('retries a 429 from Discord after retry_after, and posts the card once', async () => {
    h.fake.rateLimitNext('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages$`), 0.25);
    const id = await raise(YAN, 'Rate limited card');
    await h.settle();
    const posts = h.fake
      .calls('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages$`))
      .filter((r) => textOf(r).includes('Rate limited card'));
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(200);
    expect(await h.bot.runtime.deps.store.messageRefs.find('discord', SUPPORT_CHANNEL, id)).not.toBeNull();
    expect(h.log.some((l) => l.level === 'warn' && /rate limit/.test(l.message))).toBe(true);
  });

  it('handles a duplicated interaction id once', async () => {
    const { driver, fake } = h;
    const claim = encodeAction({ kind: 'claim', queryId });
    const first = driver.press(ANN, claim, { id: '1509999999999999001' });
    driver.press(ANN, claim, { id: '1509999999999999001' });
    await driver.callback(first);
    await h.settle();
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.requests.filter((r) => r.path.startsWith('/interactions/1509999999999999001/'))).toHaveLength(1);
    const events = await h.bot.runtime.deps.store.events.forQuery(queryId);
    expect(events.filter((e) => e.type === 'claimed')).toHaveLength(1);
    expect(h.log.some((l) => /delivered again/.test(l.message))).toBe(true);
  });

  it('refuses a screenshot by its declared size, or by its bytes when they come quickly, before any modal opens', async () => {
    const { driver } = h;
    const huge = await driver.callback(
      driver.slash(
        ZOE,
        'new',
        { category: 'Bug Report' },
        {
          files: {
            screenshot: { filename: 'big.png', data: TINY_PNG, contentType: 'image/png', size: 6 * 1024 * 1024 },
          },
        },
      ),
    );
    expect(textOf(huge)).toMatch(/big.png is 6.0 MB; the limit is 5.0 MB/);
    expect(h.fake.cdnHits).toEqual([]);
    const text = await driver.callback(
      driver.slash(
        ZOE,
        'new',
        { category: 'Bug Report' },
        { files: { screenshot: { filename: 'notes.txt', data: Buffer.from('hello'), contentType: 'image/png' } } },
      ),
    );
    expect(text.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(text)).toMatch(/notes.txt is not a PNG, JPEG, GIF or WebP image/);
  });

  it('suggests query ids, takes the agent as a Discord user, pages lists in place', async () => {
    const { driver } = h;
    const choices = await driver.callback(driver.autocomplete(BEN, 'claim', { name: 'id', value: '' }));
    expect(choices.body.type).toBe(8);
    expect((choices.body.data.choices as Json[]).map((c) => c.value)).toContain(queryId + 1);
    expect(
      (await driver.callback(driver.autocomplete(ZOE, 'show', { name: 'id', value: String(queryId) }))).body.data
        .choices,
    ).toEqual([{ name: `#${queryId} · In Progress · Export hangs`, value: queryId }]);

    const assigned = await driver.callback(driver.slash(LEE, 'assign', { id: queryId }, { users: { agent: BEN } }));
    expect(textOf(assigned)).toContain(`Query #${queryId} is now assigned to Ben.`);
    const unlinked = await driver.callback(
      driver.slash(
        LEE,
        'assign',
        { id: queryId },
        { users: { agent: { id: '1200000000000000099', username: 'stranger' } } },
      ),
    );
    expect(textOf(unlinked)).toContain('agent: Stranger has not linked a CQMS account on Discord');

    for (let i = 0; i < 11; i++) await raise(ZOE, `Bulk ${i}`);
    const page1 = await driver.callback(driver.slash(ZOE, 'mine'));
    const next = buttonIds(page1.body.data).at(-1)!;
    const page2 = await driver.callback(driver.press(ZOE, next, { ephemeral: true }));
    expect(page2.body.type).toBe(7);
    expect(textOf(page2)).toMatch(/Page 2 of 2/);
  });

  it('falls back to an ephemeral follow-up when a client has closed their DMs', async () => {
    const { driver, fake } = h;
    const { id, raisedToken } = await raiseWithDmsClosed(YAN, 'Closed DMs');
    await driver.callback(driver.press(ANN, encodeAction({ kind: 'claim', queryId: id })));
    await h.settle();
    const refused = fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${fake.dmChannelOf(YAN.id)}/messages`,
    );
    expect(refused.map((r) => r.status)).toEqual([403]);
    const followUp = fake.requests.find((r) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${raisedToken}`)!;
    expect(followUp.body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    expect(textOf(followUp)).toMatch(/Ann is now working on your query/);
    expect(followUp.headers.authorization).toBeUndefined();
  });

  it('a token Discord has retired (15 minutes on its clock) is refused 401 (50027): the client is not told, the log says so', async () => {
    const { driver, fake } = h;
    const { id, raisedToken } = await raiseWithDmsClosed(YAN, 'Old token');
    fake.advanceClock(16 * 60_000);
    fake.expectRefusal({ code: 50027, method: 'POST', path: new RegExp(`^/webhooks/${APP_ID}/${raisedToken}$`) });
    await driver.callback(driver.press(ANN, encodeAction({ kind: 'claim', queryId: id })));
    await h.settle();
    const followUp = fake.requests.find((r) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${raisedToken}`)!;
    expect(followUp.status).toBe(401);
    expect(
      h.log.some(
        (l) =>
          l.level === 'warn' && l.message.includes(`Discord user ${YAN.id} does not take DMs and the follow-up failed`),
      ),
    ).toBe(true);
  });

  it('`cqms discord register --guild G` PUTs the commands generated from the catalog', async () => {
    const env = { DISCORD_TOKEN: h.fake.token, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: h.fake.apiUrl };
    const guild = await cqms(['discord', 'register', '--guild', GUILD_ID], env);
    expect(guild).toMatchObject({ code: 0, err: '' });
    expect(guild.out).toMatch(new RegExp(`Registered /cqms \\(${CATALOG.length} subcommands\\) in server ${GUILD_ID}`));
    const put = h.fake.calls('PUT', new RegExp(`^/applications/${APP_ID}/guilds/${GUILD_ID}/commands$`))[0]!;
    expect(put.headers.authorization).toBe(`Bot ${h.fake.token}`);
    const [command] = put.body as unknown as {
      name: string;
      options: { name: string; type: number; options: Json[] }[];
    }[];
    expect(command!.name).toBe('cqms');
    expect(command!.options.map((o) => o.name)).toEqual(CATALOG.map((c) => c.name));
    expect(command!.options.every((o) => o.type === 1)).toBe(true);
    const sub = (name: string) => command!.options.find((o) => o.name === name)!.options;
    expect(sub('new')).toEqual([
      expect.objectContaining({
        name: 'category',
        type: 3,
        required: true,
        choices: expect.arrayContaining([{ name: 'Bug Report', value: 'Bug Report' }]),
      }),
      expect.objectContaining({ name: 'screenshot', type: 11, required: false }),
    ]);
    expect(sub('register')).toEqual([]);
    expect(sub('login')).toEqual([]);
    expect(sub('claim')).toEqual([
      expect.objectContaining({ name: 'id', type: 4, autocomplete: true, required: true }),
    ]);
    expect(sub('assign').map((o) => [o.name, o.type])).toEqual([
      ['id', 4],
      ['agent', 6],
    ]);
    expect(sub('rate').find((o) => o.name === 'rating')!.choices).toHaveLength(5);
    expect(sub('mine').find((o) => o.name === 'status')!.choices).toEqual(
      ['Open', 'In Progress', 'Closed'].map((s) => ({ name: s, value: s })),
    );
    expect(sub('team').find((o) => o.name === 'from')).toMatchObject({ type: 3, min_length: 10, max_length: 10 });
    expect(JSON.stringify(put.body)).not.toMatch(/"password"/);

    expect((await cqms(['discord', 'register'], env)).code).toBe(0);
    expect(h.fake.calls('PUT', new RegExp(`^/applications/${APP_ID}/commands$`))).toHaveLength(1);
    const bad = await cqms(['discord', 'register', '--guild', 'G'], env);
    expect(bad).toMatchObject({ code: 2, err: expect.stringMatching(/--guild must be a server id/) }); // a usage mistake
  });

  it('sent every message with no allowed mentions, and no error was logged', () => {
    const carrying = h.fake.requests.filter(
      (r) =>
        r.status < 300 &&
        ((r.path.endsWith('/callback') && [4, 7].includes(Number(r.body.type))) ||
          (/^\/(channels|webhooks)\//.test(r.path) &&
            ['POST', 'PATCH'].includes(r.method) &&
            !r.path.endsWith('/threads'))),
    );
    expect(carrying.length).toBeGreaterThan(20);
    for (const r of carrying) {
      const body = r.path.endsWith('/callback') ? (r.body.data as Json) : r.body;
      const { parse, users, replied_user, ...rest } = body.allowed_mentions as {
        parse: string[];
        users?: string[];
        replied_user?: boolean;
      };
      expect({ parse, rest }).toEqual({ parse: [], rest: {} });
      // An answer to a message written in a support thread pings its writer alone, as a reply.
      if (replied_user) expect(body.message_reference).toBeDefined();
      // The one ping the desk sends: a client whose DMs are closed is named in the support channel, alone.
      for (const u of users ?? [])
        expect(`${String(body.content)} -> ${users!.length}`).toMatch(new RegExp(`<@${u}>.* -> 1$`, 's'));
    }
    expect(h.log.filter((l) => l.level === 'error')).toEqual([]);
  });
});
