import type { RecordedRequest } from './fake-discord';
import { textOf, type Sent, type TestUser } from './discord-driver';
import { startDiscordHarness, type DiscordHarness } from './discord-harness';

const ZOE: TestUser = { id: '1200000000000000001', username: 'zoe' };
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

/** Every first-answer attempt on one interaction, in order. */
const callbacks = (h: DiscordHarness, s: Sent): RecordedRequest[] =>
  h.fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${s.id}/`));
const refOf = (said: string) => /ref ([0-9A-F]{4})/.exec(said)?.[1];
const logged = (h: DiscordHarness, ref: string | undefined) =>
  h.log.filter((l) => ref && l.message.includes(`(ref ${ref})`));

// Through real discord.js and the fake: each cause of a form not opening is told as what it is.
describe('a form that fails to open says why (SQLite)', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness('sqlite');
    await h.member('client', 'zoe', ZOE);
  });
  afterAll(() => h?.close());

  it('Discord refused the modal (400): a fault of ours, running it again will not help; the reference is in the log', async () => {
    h.fake.failNext('POST', CALLBACK, {
      status: 400,
      body: {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          data: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 45 or fewer in length.' }] } },
        },
      },
    });
    const s = h.driver.slash(ZOE, 'new', { category: 'Bug Report' });
    const [modal, reply] = await h.fake.waitFor(
      () => (callbacks(h, s).length === 2 ? callbacks(h, s) : null),
      'the modal, then the reply',
    );
    expect([modal!.body.type, modal!.status, reply!.body.type, reply!.status]).toEqual([9, 400, 4, 204]);
    const said = textOf(reply);
    expect(said).toMatch(
      /Discord refused to open the \\"Raise a query\\" form\. This is a fault in CQMS, not in anything you did, so running it again will not help/,
    );
    expect(said).not.toMatch(/in time/);
    const lines = logged(h, refOf(said));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'error',
      message: expect.stringMatching(
        /Discord refused the modal: 400 50035 Invalid Form Body; data\.title\[BASE_TYPE_MAX_LENGTH\]: Must be 45 or fewer in length\./,
      ),
    });
  });

  it('Discord unreachable: running it again in a moment can help', async () => {
    h.fake.failNext('POST', CALLBACK, 'drop');
    const s = h.driver.slash(ZOE, 'new', { category: 'Bug Report' });
    const reply = await h.fake.waitFor(() => callbacks(h, s).find((r) => r.status === 204), 'the reply');
    const said = textOf(reply);
    expect(said).toMatch(
      /Discord could not be reached to open the \\"Raise a query\\" form\. Nothing was saved; run \/cqms new again in a moment\./,
    );
    expect(logged(h, refOf(said))[0]?.level).toBe('error');
  });

  it('the modal reached Discord after the 3 s window (10062): nothing can be said on the interaction, the log says why', async () => {
    h.fake.expectRefusal({ code: 10062, path: CALLBACK });
    const s = h.driver.slash(ZOE, 'new', { category: 'Bug Report' });
    h.fake.advanceClock(3_500); // Discord's clock: this interaction was dispatched 3.5 s ago
    const modal = await h.driver.callback(s);
    await h.fake.waitFor(() => h.log.some((l) => /3 s window/.test(l.message)), 'the log line');
    expect(modal.status).toBe(404);
    expect(callbacks(h, s)).toHaveLength(1);
    expect(h.log.find((l) => /3 s window/.test(l.message))?.message).toMatch(
      /^the "Raise a query" form was not opened \(ref [0-9A-F]{4}\): the modal reached Discord after the interaction's 3 s window \(10062\)/,
    );
  });
});

describe('a form whose preparation outlasts the ack budget (SQLite)', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    // A 1 ms budget: the interaction is deferred before the desk has answered, so no modal can follow.
    h = await startDiscordHarness('sqlite', { ackBudgetMs: 1 });
    await h.member('client', 'zoe', ZOE);
  });
  afterAll(() => h?.close());

  it('says it took too long, that running it again usually works, and never sends the modal late', async () => {
    const s = h.driver.slash(ZOE, 'new', { category: 'Bug Report' });
    expect((await h.driver.callback(s)).body.type).toBe(5);
    const said = textOf(await h.driver.edited(s));
    expect(said).toMatch(
      /The \\"Raise a query\\" form was not opened: getting it ready took longer than the 3 seconds Discord allows\. Nothing was saved; run \/cqms new again, it usually opens at once\./,
    );
    expect(callbacks(h, s)).toHaveLength(1);
    expect(logged(h, refOf(said))[0]?.level).toBe('warn');
  });
});
