import type { SequelizeStore } from '../../adapters/storage/sequelize-store';
import type { QueryMessage } from '../../core/domain/query-message';
import { CqmsProcess } from '../resilience/cli-process';
import { countRows } from '../resilience/fault-support';
import type { SlackMessage } from '../slack/fake-slack-messages';
import { FakeSlack } from '../slack/fake-slack';
import { SIGNING_SECRET, SlackDriver } from '../slack/slack-driver';
import { SlackEvents } from '../slack/slack-events';
import { freePort } from '../support/redis-server';
import { eventually } from '../discord/message-driver';
import { seqsShown } from '../support/seqs-shown';
import { slackMember } from '../support/slack-member';
import { NEW_FORM, newQueryInputs } from '../support/slack-new-query';
import { testDesk } from '../support/test-desk';
import { ownMysqlAndRedis } from '../support/worker-env';

const SUPPORT = 'C0SUPPORT';

/** Polls until `probe` gives a value: the worker delivers in another process, asynchronously. */
const until = <T>(probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string) =>
  eventually(async () => probe(), what, 45_000);

// `cqms bot` (Slack over HTTP, signed events) and `cqms worker` as processes, on MySQL and a redis-server of the
// test's own, killed in the middle of a conversation and started again empty (no persistence), as after a crash.
describe('a conversation while Redis is down', () => {
  const { store: db, redis } = ownMysqlAndRedis();
  let fake: FakeSlack;
  let bot: CqmsProcess;
  let worker: CqmsProcess;
  let events: SlackEvents;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    const desk = testDesk(db().store);
    await slackMember(desk, 'client', 'zoe', 'U0ZOE');
    await slackMember(desk, 'agent', 'ann', 'U0ANN');
    const port = await freePort();
    const env = {
      DATABASE_URL: db().url,
      REDIS_URL: redis().url,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: SUPPORT,
    };
    bot = new CqmsProcess(['bot'], { ...env, PORT: String(port) });
    worker = new CqmsProcess(['worker'], env);
    await Promise.all([bot.waitFor('CQMS bot running', 60_000), worker.waitFor('CQMS worker running', 60_000)]);
    events = new SlackEvents(`http://127.0.0.1:${port}/slack/events`, fake);
    events.echoBotMessages();
  }, 120_000);
  afterAll(async () => {
    await Promise.all([bot?.kill(), worker?.kill()]);
    await fake?.close();
  }, 60_000);

  it('delivers every message written while it was away once, in order, to both threads after it returns', async () => {
    const driver = new SlackDriver(events.eventsUrl, fake);
    expect((await driver.submit('U0ZOE', 'V0NEW', NEW_FORM, newQueryInputs('Card declined'))).status).toBe(200);
    const { store } = db();
    const [threads, queryId] = await until(async () => {
      const [row] = (await store.sequelize.query("SELECT id FROM client_queries WHERE heading = 'Card declined'")) as [
        { id: number }[],
        unknown,
      ];
      const found = row[0] ? await store.threads.forQuery(row[0].id, 'slack') : [];
      return found.length === 2 && ([found, row[0]!.id] as const);
    }, 'the support thread and the DM thread');
    const staff = threads.find((t) => t.audience === 'staff')!;
    const client = threads.find((t) => t.audience === 'client')!;
    const staffThread = (): SlackMessage[] => fake.messages.thread(SUPPORT, staff.threadRootId!);
    const dmThread = (): SlackMessage[] => fake.messages.thread(client.channelId, client.threadRootId!);
    const stored = (): Promise<QueryMessage[]> => store.messages.forQuery(queryId, { includeInternal: true });
    const says = (m: SlackMessage) => JSON.stringify(m.blocks ?? m.text);
    const fromZoe = (text: string) => events.say('U0ZOE', client.channelId, text, { threadTs: client.threadRootId! });
    const fromAnn = (text: string) => events.say('U0ANN', SUPPORT, text, { threadTs: staff.threadRootId! });
    /** The seqs the app's own copies in a thread carry, in the order the thread shows them. */
    const copiedSeqs = async (thread: () => SlackMessage[]) =>
      seqsShown(
        thread()
          .filter((m) => m.botId !== null)
          .map(says),
        await stored(),
      );

    // Before the outage: one message each way, delivered, and every job done.
    await fromZoe('Before the outage the card was declined');
    await until(async () => (await stored()).length === 1, 'the first message stored');
    await fromAnn('!reply Before the outage we saw the decline');
    await until(async () => (await copiedSeqs(staffThread)).length === 1, 'the first copy in the support thread');
    await until(async () => (await copiedSeqs(dmThread)).length === 1, 'the first copy in the DM thread');
    await until(
      async () => (await countRows(store, 'outbox')) > 0 && (await undone(store)) === 0,
      'every job done before the outage',
    );

    await redis().kill();
    const during = [
      () => fromZoe('During the outage message three from the client'),
      () => fromAnn('!reply During the outage message four from the agent'),
      () => fromAnn('During the outage message five an internal note'),
      () => fromZoe('During the outage message six from the client'),
      () => fromZoe('During the outage message seven from the client'),
      () => fromAnn('!reply During the outage message eight from the agent'),
    ];
    // Each event is acknowledged within Slack's 3 s, Redis or not: the bot stores and answers without the queue.
    for (const say of during) {
      const { answer } = await say();
      expect(answer.status).toBe(200);
      expect(answer.ms).toBeLessThan(3_000);
    }
    await until(async () => (await stored()).length === 8, 'the eight messages stored while Redis is down');
    await new Promise((r) => setTimeout(r, 3_000));
    // Nothing written during the outage was delivered while it lasted: it waits in the outbox.
    expect(await copiedSeqs(staffThread)).toEqual([1]);
    expect(await copiedSeqs(dmThread)).toEqual([2]);
    expect(await undone(store)).toBeGreaterThanOrEqual(6);

    await redis().start();
    const back = Date.now();
    const messages = await stored();
    const toStaff = messages.filter((m) => m.authorRole === 'client').map((m) => m.seq);
    const toClient = messages.filter((m) => m.authorRole === 'agent' && m.visibility === 'public').map((m) => m.seq);
    // The bot acknowledges each event first and stores it after: the desk's order (seq) is the order it stored them.
    expect([toStaff.length, toClient.length, toStaff[0], toClient[0]]).toEqual([4, 3, 1, 2]);
    await until(
      async () => (await copiedSeqs(staffThread)).length >= toStaff.length,
      'the copies in the support thread',
    );
    await until(async () => (await copiedSeqs(dmThread)).length >= toClient.length, 'the copies in the DM thread');
    const deliveredMs = Date.now() - back;
    await until(async () => (await undone(store)) === 0, 'every outbox job done');
    await new Promise((r) => setTimeout(r, 2_000));

    // Each once, in seq order: the client's in the support thread, the agent's public ones in the client's DM.
    expect(await copiedSeqs(staffThread)).toEqual(toStaff);
    expect(await copiedSeqs(dmThread)).toEqual(toClient);
    // The support thread as a whole shows every message once; the note never reached the client.
    expect([...seqsShown(staffThread().map(says), messages)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(
      JSON.stringify(fake.calls.filter((c) => c.body.channel === client.channelId).map((c) => c.body)),
    ).not.toContain('an internal note');
    console.log(
      `redis killed mid-conversation: 6 messages stored while it was down; copied to both threads ${deliveredMs} ms after it was back`,
    );
    expect(bot.output).not.toMatch(/"level":60/);
    expect(worker.output).not.toMatch(/"level":60/);
  }, 180_000);
});

/** Outbox rows whose job has not run. */
async function undone(store: SequelizeStore): Promise<number> {
  const [rows] = (await store.sequelize.query('SELECT COUNT(*) AS n FROM outbox WHERE done_at IS NULL')) as [
    { n: number | string }[],
    unknown,
  ];
  return Number(rows[0]!.n);
}
