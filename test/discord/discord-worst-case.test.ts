import { DESCRIPTION_MAX, HEADING_MAX, RESOLUTION_NOTE_MAX, REVIEW_COMMENT_MAX } from '../../core/schemas/query-input';
import type { Role } from '../../core/domain/roles';
import type { NewQueryRow } from '../../core/domain/query';
import { addUser } from '../../core/users/manage-users';
import { decodeAction } from '../../core/views/action-id';
import { APP_ID, GUILD_ID, LEADS_CHANNEL, SUPPORT_CHANNEL, type Json } from './discord-ids';
import { buttonIds, textOf, type Sent, type TestUser } from './discord-driver';
import { cqms, startDiscordHarness, type DiscordHarness } from './discord-harness';

/** Characters Discord's markdown escaping doubles. */
const GROWS = '*_~|>`';
const worst = (n: number) => GROWS.repeat(Math.ceil(n / GROWS.length)).slice(0, n);
const EMOJI = '😀'.repeat(100);
const HEADING = worst(HEADING_MAX);
const DESCRIPTION = `${EMOJI}${worst(DESCRIPTION_MAX - EMOJI.length)}`;
/** The longest category the store keeps (64 characters; Discord's choices take 100), markdown characters in it. */
const CATEGORY = `Category ${worst(64 - 9)}`;
const AGENT_NAME = `Ann ${worst(76)}`;

const ZOE: TestUser = { id: '1200000000000000001', username: 'zoe' };
const ANN: TestUser = { id: '1200000000000000002', username: 'ann' };
const LEE: TestUser = { id: '1200000000000000004', username: 'lee' };
const DAY = 86_400_000;

const kinds = (body: Json) => buttonIds(body).map((id) => decodeAction(id)?.kind);

/**
 * Maximal content through real discord.js and the faithful fake: every request Discord would refuse fails the
 * test (the fake's afterEach), and each step also checks that nothing was refused at all.
 */
describe('the worst content a desk can hold, on Discord (MySQL)', () => {
  let h: DiscordHarness;
  let queryId = 0;
  let cardId = '';

  const member = async (role: Role, user: TestUser, displayName: string) => {
    const deps = h.bot.runtime.deps;
    const u = await addUser(deps, 'operator', {
      username: user.username,
      email: `${user.username}@example.com`,
      mobile: `98765${user.id.slice(-5)}`,
      password: 'correct horse battery',
      role,
      displayName,
    });
    await deps.store.identities.link({
      platform: 'discord',
      workspaceId: '',
      platformUserId: user.id,
      userId: u.id,
      linkedAt: new Date(),
    });
    return u.id;
  };
  const allAccepted = () =>
    expect(h.fake.requests.filter((r) => r.status >= 400).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
  const answerOf = async (s: Sent) => {
    const cb = await h.driver.callback(s);
    return cb.body.type === 5 ? h.driver.edited(s) : cb;
  };

  beforeAll(async () => {
    h = await startDiscordHarness('mysql', {
      env: { CQMS_CATEGORIES: `Bug Report,${CATEGORY}`, DISCORD_LEADS_CHANNEL_ID: LEADS_CHANNEL },
    });
    const zoe = await member('client', ZOE, `Zoe ${worst(76)}`);
    await member('agent', ANN, AGENT_NAME);
    await member('lead', LEE, `Lee ${worst(76)}`);
    // Full pages for every list, and 500 breaches for `sla`: open queries raised ten days ago.
    const old = new Date(Date.now() - 10 * DAY);
    const row = (i: number): NewQueryRow => ({
      externalRef: null,
      clientId: zoe,
      category: CATEGORY,
      heading: HEADING,
      description: DESCRIPTION,
      mobile: '9876500001',
      mobileValid: i % 2 === 0,
      status: 'Open',
      assigneeId: null,
      platform: 'discord',
      createdAt: new Date(old.getTime() + i * 1000),
      claimedAt: null,
      closedAt: null,
      resolutionNote: null,
      resolutionMs: null,
      firstResponseMs: null,
      reopenCount: 0,
    });
    await h.bot.runtime.deps.store.queries.insertMany(
      Array.from({ length: 500 }, (_, i) => row(i)),
      new Date(),
    );
  });
  afterAll(() => h?.close());

  it('registers /cqms from the catalog with the longest category', async () => {
    const env = {
      DISCORD_TOKEN: h.fake.token,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: h.fake.apiUrl,
      CQMS_CATEGORIES: `Bug Report,${CATEGORY}`,
    };
    expect(await cqms(['discord', 'register', '--guild', GUILD_ID], env)).toMatchObject({ code: 0, err: '' });
    expect(await cqms(['discord', 'register'], env)).toMatchObject({ code: 0, err: '' });
    allAccepted();
  });

  it('raises a query through the modal: heading and description at their maximum, 100 emoji, the longest category', async () => {
    const modal = await h.driver.callback(h.driver.slash(ZOE, 'new', { category: CATEGORY }));
    expect(modal.body.type).toBe(9);
    const raised = await h.driver.callback(
      h.driver.submit(ZOE, String(modal.body.data.custom_id), {
        heading: HEADING,
        description: DESCRIPTION,
        mobile: '',
      }),
    );
    expect(textOf(raised)).toMatch(/Query #\d+ raised/);
    queryId = Number(/Query #(\d+) raised/.exec(textOf(raised))![1]);
    await h.settle();
    const card = h.fake.calls('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages$`)).at(-1)!;
    const embed = (card.body.embeds as Json[])[0]!;
    // Core shortens a card's description (core/views/shorten.ts) and the card offers Show; escaped, it still fits.
    expect(String(embed.description)).toMatch(/… \(shortened; press Show for the whole text\)$/);
    expect(kinds(card.body)).toContain('show');
    expect(String(embed.description)).toContain(EMOJI);
    cardId = (await h.bot.runtime.deps.store.messageRefs.find('discord', SUPPORT_CHANNEL, queryId))!.messageId;
    // The card's thread is named after the 120-character heading, within Discord's 100.
    const [thread] = h.fake.calls('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages/${cardId}/threads$`));
    expect(thread!.status).toBe(201);
    expect(String(thread!.body.name)).toMatch(new RegExp(`^#${queryId} .+…$`));
    allAccepted();
  });

  it('lists full pages and pages through them (client, agent), and suggests ids and categories', async () => {
    for (const [user, sub] of [
      [ZOE, 'mine'],
      [ANN, 'queue'],
      [LEE, 'queue'],
    ] as const) {
      const first = await answerOf(h.driver.slash(user, sub));
      const next = buttonIds(
        first.body.type === undefined ? first.body : ((first.body.data as Json) ?? first.body),
      ).find((id) => decodeAction(id)?.kind === 'page');
      if (next) await answerOf(h.driver.press(user, next, { ephemeral: true }));
    }
    await h.driver.callback(h.driver.autocomplete(ANN, 'claim', { name: 'id', value: '' }));
    await h.driver.callback(h.driver.autocomplete(ZOE, 'new', { name: 'category', value: 'cat' }));
    await answerOf(h.driver.slash(ANN, 'show', { id: queryId }));
    allAccepted();
  });

  it('claims from the card, closes with a maximal note, and the client rates with a maximal comment', async () => {
    const card = h.fake.messages.get(SUPPORT_CHANNEL)!.get(cardId)!;
    await h.driver.callback(
      h.driver.press(ANN, buttonIds(card)[0]!, { messageId: cardId, channelId: SUPPORT_CHANNEL }),
    );
    await h.settle();
    const claimed = h.fake.messages.get(SUPPORT_CHANNEL)!.get(cardId)!;
    expect(kinds(claimed)).toEqual(['release', 'close', 'show', 'reply', 'waiting']);
    const closeModal = await h.driver.callback(
      h.driver.press(ANN, buttonIds(claimed)[1]!, { messageId: cardId, channelId: SUPPORT_CHANNEL }),
    );
    expect(closeModal.body.type).toBe(9);
    const note = `${EMOJI}${worst(RESOLUTION_NOTE_MAX - EMOJI.length)}`;
    await h.driver.callback(h.driver.submit(ANN, String(closeModal.body.data.custom_id), { note }));
    await h.settle();
    const rated = await answerOf(
      h.driver.slash(ZOE, 'rate', { id: queryId, rating: 5, comment: worst(REVIEW_COMMENT_MAX) }),
    );
    expect(textOf(rated)).toMatch(/rated query #\d+/);
    await h.settle();
    allAccepted();
  });

  it('answers `team` with every chart, and `sla` with 500 breaches', async () => {
    const team = h.driver.slash(LEE, 'team');
    await h.driver.edited(team);
    await h.fake.waitFor(() => h.driver.followUps(team).find((f) => f.files.length > 0), 'the charts', 20_000);
    const sla = await answerOf(h.driver.slash(LEE, 'sla'));
    expect(textOf(sla)).toMatch(/#\d+/);
    await answerOf(h.driver.slash(LEE, 'sla', { category: CATEGORY }));
    allAccepted();
  });

  it('posts a digest and an SLA alert through the notifier', async () => {
    await h.bot.runtime.queue.enqueue({ name: 'digest', period: 'weekly' });
    await h.bot.runtime.queue.enqueue({
      name: 'notify',
      intent: { kind: 'slaAlert', queryId: queryId + 1, clock: 'firstResponse', level: 'breach', channel: 'leads' },
    });
    await h.settle();
    expect(h.fake.calls('POST', new RegExp(`^/channels/${LEADS_CHANNEL}/messages$`)).length).toBeGreaterThanOrEqual(2);
    allAccepted();
    expect(h.fake.refusals).toEqual([]);
  });
});
