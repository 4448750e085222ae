import { encodeAction } from '../../core/views/action-id';
import { APP_ID, SUPPORT_CHANNEL } from '../discord/discord-ids';
import { buttonIds, textOf, type Sent } from '../discord/discord-driver';
import { startDiscordHarness, type DiscordHarness } from '../discord/discord-harness';
import { SIGNING_SECRET, actionIdsOf } from '../slack/slack-driver';
import { startSlackHarness, SUPPORT, type SlackHarness } from '../slack/slack-harness';
import { capturedLog, leaked, type LogRecord } from './log-capture';

const PASSWORD = 'Zoe-Secret-pass-42';
const WRONG_PASSWORD = 'Wrong-Horse-77';
const BOT_TOKEN = 'xoxb-test';

// A defect carrying what real library errors carry: the SQL with a stored hash, the request with its token.
function leakyError(hash: string): Error {
  return Object.assign(
    new Error(`UPDATE users SET password_hash = '${hash}' failed (signing secret ${SIGNING_SECRET})`),
    {
      sql: `UPDATE users SET password_hash = '${hash}' WHERE id = 1`,
      original: Object.assign(new Error('socket hang up'), {
        config: { url: 'https://slack.com/api/chat.postMessage', headers: { Authorization: `Bearer ${BOT_TOKEN}` } },
      }),
    },
  );
}

describe('logs of a whole Slack story on MySQL', () => {
  let h: SlackHarness;
  const capture = capturedLog({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_SUPPORT_CHANNEL: SUPPORT,
  });

  beforeAll(async () => {
    h = await startSlackHarness('mysql', { alsoLog: capture.log });
    await h.member('agent', 'ann', 'U0ANN');
  });
  afterAll(() => h?.close());

  it('hold no token, secret, password or hash, and the lines of one request share its id', async () => {
    const { driver, fake } = h;
    const response = (url: string) =>
      fake.waitFor(() => fake.of('response').find((c) => c.method === new URL(url).pathname), `a reply on ${url}`);
    const modals = () => fake.api('views.open').length;

    // Register with a password, sign out, fail a sign-in, sign in.
    await driver.slash('U0ZOE', 'register');
    await fake.waitFor(() => modals() === 1, 'the register modal');
    await driver.submit('U0ZOE', 'V0REG', driver.lastModal().private_metadata, {
      username: 'zoe',
      email: 'zoe@example.com',
      mobile: '9876501234',
      password: PASSWORD,
    });
    expect(JSON.stringify(await response((await driver.slash('U0ZOE', 'logout')).responseUrl))).toMatch(
      /signed out|unlinked/i,
    );
    await driver.slash('U0ZOE', 'login');
    await fake.waitFor(() => modals() === 2, 'the login modal');
    const loginModal = driver.lastModal().private_metadata;
    const refused = await driver.submit('U0ZOE', 'V0LOGIN1', loginModal, { login: 'zoe', password: WRONG_PASSWORD });
    expect(refused.json).toMatchObject({ response_action: 'errors' });
    expect((await driver.submit('U0ZOE', 'V0LOGIN2', loginModal, { login: 'zoe', password: PASSWORD })).status).toBe(
      200,
    );

    // Raise, claim, close.
    await driver.slash('U0ZOE', 'new');
    await fake.waitFor(() => modals() === 3, 'the new-query modal');
    await driver.submit('U0ZOE', 'V0NEW', driver.lastModal().private_metadata, {
      category: { select: 'Payment Failure' },
      heading: 'Card declined',
      description: 'Twice today',
      mobile: null,
    });
    const card = await fake.waitFor(
      () => fake.api('chat.postMessage').find((c) => c.body.channel === SUPPORT),
      'the card',
    );
    const queryId = Number(actionIdsOf(card.body.blocks)[0]!.split('|')[2]);
    await h.settle();
    const claimed = await driver.press('U0ANN', encodeAction({ kind: 'claim', queryId }));
    expect(JSON.stringify(await response(claimed.responseUrl))).toMatch(/You claimed query/);
    await driver.press('U0ANN', encodeAction({ kind: 'close', queryId }));
    await fake.waitFor(() => modals() === 4, 'the close modal');
    await driver.submit('U0ANN', 'V0CLOSE', driver.lastModal().private_metadata, { note: 'Bank outage; fine now' });
    await fake.waitFor(
      () => fake.api('chat.update').some((c) => JSON.stringify(c.body).includes('Closed')),
      'the closed card',
    );

    // A defect: the user sees a short reference, the log has it with the detail, scrubbed.
    const [zoe] = await h.bot.runtime.deps.store.users.findByLogin({ username: 'zoe' });
    const hash = zoe!.passwordHash!;
    expect(hash).toMatch(/^\$argon2id\$/);
    const identities = h.bot.runtime.deps.store.identities;
    const find = identities.find.bind(identities);
    identities.find = (platform, workspace, userId) =>
      userId === 'U0BAD' ? Promise.reject(leakyError(hash)) : find(platform, workspace, userId);
    const bad = await driver.slash('U0BAD', 'whoami');
    const shown = JSON.stringify((await response(bad.responseUrl)).body);
    const ref = /ref ([0-9A-F]{4})/.exec(shown)?.[1];
    expect(ref).toBeDefined();
    expect(shown).not.toMatch(/argon2|UPDATE|socket/);
    await h.settle();

    const text = capture.text();
    // The hash's salt and digest each, so a hash cut short by the scrubber still counts as leaked.
    const [salt, digest] = hash.split('$').slice(-2) as [string, string];
    expect(
      leaked(text, {
        BOT_TOKEN,
        SIGNING_SECRET,
        PASSWORD,
        WRONG_PASSWORD,
        salt,
        digest,
        bearer: `Bearer ${BOT_TOKEN}`,
      }),
    ).toEqual([]);

    const records = capture.records();
    const defect = records.find((r) => r.msg.includes(`ref ${ref}`));
    expect(defect).toMatchObject({
      level: 50,
      requestId: expect.any(String),
      err: { message: expect.stringContaining('UPDATE users SET password_hash') },
    });
    expect(JSON.stringify(defect)).toMatch(/\[redacted\]/);
    // The defect happened after the acknowledgement, in the work that followed it: same request, same id.
    const ofRequest = records.filter((r) => r.requestId === defect!.requestId);
    expect(ofRequest.map((r) => r.msg)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^slack slash_command acknowledged in \d+ ms$/),
        expect.stringContaining(`ref ${ref}`),
      ]),
    );
    // One id per request: every acknowledgement line has its own.
    const acks = records.filter((r) => /acknowledged in/.test(r.msg));
    expect(acks.length).toBe(driver.timings.length);
    expect(new Set(acks.map((r: LogRecord) => r.requestId)).size).toBe(acks.length);
  });
});

describe('logs of a Discord story on MySQL', () => {
  const ZOE = { id: '1200000000000000001', username: 'zoe' };
  const ANN = { id: '1200000000000000002', username: 'ann' };
  let h: DiscordHarness;
  const capture = capturedLog({
    DISCORD_TOKEN: 'fake-bot-token',
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL,
  });

  beforeAll(async () => {
    h = await startDiscordHarness('mysql', { alsoLog: capture.log });
    await h.member('agent', 'ann', ANN);
  });
  afterAll(() => h?.close());

  it('hold no bot token, interaction token, password or hash; each line of an interaction carries its id', async () => {
    const { driver, fake } = h;
    const sent: Sent[] = [];
    const send = (s: Sent) => (sent.push(s), driver.callback(s));
    const reg = await send(driver.slash(ZOE, 'register'));
    await send(
      driver.submit(ZOE, String(reg.body.data.custom_id), {
        username: 'zoe',
        email: 'zoe@example.com',
        mobile: '9876501234',
        password: PASSWORD,
      }),
    );
    const modal = await send(driver.slash(ZOE, 'new', { category: 'Payment Failure' }));
    await send(
      driver.submit(ZOE, String(modal.body.data.custom_id), {
        heading: 'Card declined',
        description: 'Twice today',
        mobile: '',
      }),
    );
    await h.settle();
    const [card] = fake.calls('POST', new RegExp(`^/channels/${SUPPORT_CHANNEL}/messages$`));
    const claimed = await send(driver.press(ANN, buttonIds(card!.body)[0]!, { channelId: SUPPORT_CHANNEL }));
    expect(textOf(claimed)).toMatch(/claimed query/i);
    await h.settle();

    const [zoe] = await h.bot.runtime.deps.store.users.findByLogin({ username: 'zoe' });
    const tokens = Object.fromEntries(sent.map((s, i) => [`interaction token ${i}`, s.token]));
    expect(
      leaked(capture.text(), {
        DISCORD_TOKEN: fake.token,
        PASSWORD,
        digest: zoe!.passwordHash!.split('$').pop()!,
        ...tokens,
      }),
    ).toEqual([]);
    // Every interaction's acknowledgement line carries the interaction's own id.
    const acks = capture.records().filter((r) => /^discord \w+ acknowledged in \d+ ms$/.test(r.msg));
    expect(acks.map((r) => r.requestId).sort()).toEqual(sent.map((s) => s.id).sort());
  });
});
