import { encodeAction } from '../../core/views/action-id';
import { TINY_PNG } from '../support/png';
import { queriesTitled } from '../support/queries-titled';
import { NEW_FORM, newQueryInputs } from '../support/slack-new-query';
import type { RecordedCall } from './fake-slack';
import { form, interaction, postSigned, slackFile } from './slack-driver';
import { startSlackHarness, SUPPORT, type SlackHarness } from './slack-harness';

const textOf = (c: RecordedCall | undefined) => JSON.stringify(c?.body ?? {});

describe('the Slack app refuses and survives what it must (SQLite)', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness('sqlite', { submitDeadlineMs: 400 });
    await h.member('client', 'zoe', 'U0ZOE');
    await h.member('agent', 'ann', 'U0ANN');
  });
  afterAll(() => h?.close());
  afterEach(() => {
    h.fake.fileDelayMs = 0;
  });

  const response = (url: string) =>
    h.fake.waitFor(() => h.fake.of('response').find((c) => c.method === new URL(url).pathname), `a reply on ${url}`);
  const titled = (heading: string) => queriesTitled(h.bot.runtime.deps.store, heading, { clientId: 1 });

  it('answers a forged signature and a stale timestamp with 401, and does nothing', async () => {
    const before = h.fake.calls.length;
    const body = form({
      command: '/cqms',
      text: 'help',
      user_id: 'U0ZOE',
      team_id: 'T1',
      channel_id: 'C1',
      trigger_id: 't',
      response_url: h.fake.responseUrl(),
    });
    const forged = await postSigned(h.driver.eventsUrl, body, 'application/x-www-form-urlencoded', {
      secret: 'not-the-secret',
    });
    expect(forged.status).toBe(401);
    const stale = await postSigned(h.driver.eventsUrl, body, 'application/x-www-form-urlencoded', {
      ts: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    const tampered = await postSigned(h.driver.eventsUrl, body, 'application/x-www-form-urlencoded', {
      headers: { 'X-Slack-Signature': `v0=${'0'.repeat(64)}` },
    });
    expect(tampered.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.calls.length).toBe(before);
  });

  it('refuses a client pressing Claim through a crafted payload', async () => {
    await h.driver.submit('U0ZOE', 'V0G1', NEW_FORM, newQueryInputs('crafted claim target'));
    const [q] = await titled('crafted claim target');
    await h.settle();
    const updatesBefore = h.fake.api('chat.update').length;
    const pressed = await h.driver.press('U0ZOE', encodeAction({ kind: 'claim', queryId: q!.id }));
    expect(pressed.status).toBe(200);
    const refused = await response(pressed.responseUrl);
    expect(refused.body).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(refused)).toContain('A client may not run `/cqms claim`.');
    await h.settle();
    expect((await h.bot.runtime.deps.store.queries.findById(q!.id))!.status).toBe('Open');
    expect(h.fake.api('chat.update').length).toBe(updatesBefore);

    const junk = await h.driver.press('U0ANN', 'cqms|claim|drop table');
    expect(textOf(await response(junk.responseUrl))).toMatch(/not recognized/);
  });

  it('answers validation failures as response_action errors on the right inputs', async () => {
    const bad = await h.driver.submit('U0ZOE', 'V0G2', NEW_FORM, {
      category: { select: 'Weather' },
      heading: 'x'.repeat(121),
      description: 'ok',
      mobile: '12345',
    });
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual({
      response_action: 'errors',
      errors: {
        category: expect.stringMatching(/"Weather" is not a category/),
        heading: 'heading must be at most 120 characters',
        mobile: expect.stringMatching(/10-digit Indian mobile/),
      },
    });
    // The same modal, corrected, is accepted: a refused submission does not burn its view id.
    const fixed = await h.driver.submit('U0ZOE', 'V0G2', NEW_FORM, newQueryInputs('fixed after errors'));
    expect(fixed).toMatchObject({ status: 200, text: '' });
    expect(await titled('fixed after errors')).toHaveLength(1);

    const register = await h.driver.submit('U0NEW', 'V0G3', JSON.stringify({ f: 'register' }), {
      username: 'zoe',
      email: 'not-an-email',
      mobile: '9876501239',
      password: 'short',
    });
    expect(Object.keys((register.json as { errors: object }).errors).sort()).toEqual(['email', 'password']);
    const taken = await h.driver.submit('U0NEW', 'V0G4', JSON.stringify({ f: 'register' }), {
      username: 'zoe',
      email: 'zoe2@example.com',
      mobile: '9876501239',
      password: 'long-enough-1',
    });
    expect(taken.json).toEqual({ response_action: 'errors', errors: { username: 'The username "zoe" is taken.' } });
  });

  it('refuses screenshots that are not images, too large, or not on Slack, as errors on the screenshot input', async () => {
    const submitShot = (viewId: string, file: Record<string, unknown>) =>
      h.driver.submit('U0ZOE', viewId, NEW_FORM, {
        ...newQueryInputs(`shot ${viewId}`),
        screenshot: { files: [file] },
      });
    const text = await submitShot(
      'V0S1',
      slackFile(h.fake, 'F0TXT', 'notes.txt', new TextEncoder().encode('hello'), 'text/plain'),
    );
    expect(text.json).toEqual({
      response_action: 'errors',
      errors: { screenshot: 'notes.txt is not a PNG, JPEG, GIF or WebP image' },
    });
    const disguised = await submitShot(
      'V0S2',
      slackFile(h.fake, 'F0FAKE', 'fake.png', new TextEncoder().encode('<html>not a png</html>'), 'image/png'),
    );
    expect(disguised.json).toEqual({
      response_action: 'errors',
      errors: { screenshot: 'fake.png is not a PNG, JPEG, GIF or WebP image' },
    });
    const declaredHuge = await submitShot(
      'V0S3',
      slackFile(h.fake, 'F0HUGE', 'huge.png', TINY_PNG, 'image/png', 6 * 1024 * 1024),
    );
    expect(declaredHuge.json).toEqual({
      response_action: 'errors',
      errors: { screenshot: 'the file is 6.0 MB; the limit is 5.0 MB' },
    });
    const big = new Uint8Array(5 * 1024 * 1024 + 10);
    big.set(TINY_PNG);
    const actuallyHuge = await submitShot('V0S4', slackFile(h.fake, 'F0BIG', 'big.png', big, 'image/png', 1000));
    expect(actuallyHuge.json).toEqual({
      response_action: 'errors',
      errors: { screenshot: 'the file is larger than 5.0 MB' },
    });
    const downloads = h.fake.of('file').length;
    const foreign = await submitShot('V0S5', {
      id: 'F0X',
      name: 'x.png',
      mimetype: 'image/png',
      size: 70,
      url_private_download: 'https://evil.example/x.png',
    });
    expect(foreign.json).toEqual({
      response_action: 'errors',
      errors: { screenshot: 'the file is not on Slack (evil.example); attach it again' },
    });
    expect(h.fake.of('file').length).toBe(downloads);
    for (const v of ['V0S1', 'V0S2', 'V0S3', 'V0S4', 'V0S5']) expect(await titled(`shot ${v}`)).toEqual([]);
  });

  it('creates one query when the same modal is submitted twice at once', async () => {
    const payload = h.driver.submission('U0ZOE', 'V0TWICE', NEW_FORM, newQueryInputs('submitted twice'));
    const [a, b] = await Promise.all(
      [0, 1].map(() => postSigned(h.driver.eventsUrl, interaction(payload), 'application/x-www-form-urlencoded')),
    );
    expect([a!.status, b!.status]).toEqual([200, 200]);
    expect(Math.max(a!.ms, b!.ms)).toBeLessThan(3000);
    const again = await h.driver.submit('U0ZOE', 'V0TWICE', NEW_FORM, newQueryInputs('submitted twice'));
    expect(again.status).toBe(200);
    expect(await titled('submitted twice')).toHaveLength(1);
  });

  it('closes a slow submission before the deadline and sends its outcome as a message', async () => {
    h.fake.fileDelayMs = 900;
    const slow = await h.driver.submit('U0ZOE', 'V0SLOW', NEW_FORM, {
      ...newQueryInputs('slow screenshot'),
      screenshot: { files: [slackFile(h.fake, 'F0SLOW', 's.png', TINY_PNG, 'image/png')] },
    });
    expect(slow).toMatchObject({ status: 200, text: '' });
    expect(slow.ms).toBeLessThan(800);
    const outcome = await h.fake.waitFor(
      () => h.fake.api('chat.postEphemeral').find((c) => textOf(c).includes('with screenshot s.png')),
      'the late outcome',
    );
    expect(outcome.body).toMatchObject({ channel: 'C0GENERAL', user: 'U0ZOE' });
  });

  it('escapes user text in every reply, not only cards', async () => {
    await h.driver.submit('U0ZOE', 'V0ESC', NEW_FORM, newQueryInputs('<!here> see <@U0ANN>'));
    const mine = await h.driver.slash('U0ZOE', 'mine');
    const list = await response(mine.responseUrl);
    expect(textOf(list)).toContain('&lt;!here&gt; see &lt;@U0ANN&gt;');
    expect(textOf(list)).not.toContain('<!here>');
    await h.settle();
    const card = h.fake
      .api('chat.postMessage')
      .find((c) => c.body.channel === SUPPORT && textOf(c).includes('see &lt;@U0ANN&gt;'));
    expect(card).toBeDefined();
    expect(textOf(card)).not.toMatch(/<!here>|<@U0ANN>/);
  });

  afterAll(() => {
    for (const t of h.driver.timings) expect(t.ms).toBeLessThan(3000);
    expect(h.log.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('Slack rate limits', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness('sqlite', { retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 } });
    await h.member('client', 'zoe', 'U0ZOE');
  });
  afterAll(() => h?.close());

  it('retries a call answered 429 after its Retry-After delay', async () => {
    h.fake.rateLimitNext('chat.postMessage', 1);
    await h.driver.submit('U0ZOE', 'V0RL', NEW_FORM, newQueryInputs('rate limited card'));
    await h.settle();
    const posts = h.fake.api('chat.postMessage').filter((c) => c.body.channel === SUPPORT);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
    const [q] = (await h.bot.runtime.deps.store.queries.list({}, { limit: 10, offset: 0 })).rows;
    expect(await h.bot.runtime.deps.store.messageRefs.find('slack', SUPPORT, q!.id)).not.toBeNull();
  });
});
