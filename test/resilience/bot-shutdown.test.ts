import { randomBytes } from 'node:crypto';
import { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import { FakeSlack } from '../slack/fake-slack';
import { form, postSigned, SIGNING_SECRET, SlackDriver, slackFile, TEAM } from '../slack/slack-driver';
import { TINY_PNG } from '../support/png';
import { REDIS_URL } from '../support/queues-under-test';
import { freePort } from '../support/redis-server';
import { slackMember } from '../support/slack-member';
import { NEW_FORM } from '../support/slack-new-query';
import { testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { CqmsProcess } from './cli-process';
import { dropQueue } from './fault-support';

// `cqms bot` as production runs it (HTTP mode, MySQL, Redis), stopped by SIGTERM while a slow request is in flight.
describe('cqms bot on SIGTERM', () => {
  const prefix = `cqms-shut-${process.pid}-${randomBytes(3).toString('hex')}`;
  let db: TestStore;
  let fake: FakeSlack;
  let bot: CqmsProcess | undefined;

  beforeAll(async () => {
    db = await openTestStore('mysql');
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    await bot?.kill();
    await dropQueue(prefix);
    await fake.close();
    await db.dispose();
  });

  it('finishes the request in flight (answered, stored, relayed), refuses new ones, and exits 0', async () => {
    await slackMember(testDesk(db.store), 'client', 'zoe', 'U0ZOE');
    const port = await freePort();
    bot = new CqmsProcess(['bot'], {
      DATABASE_URL: db.url,
      REDIS_URL,
      CQMS_QUEUE_PREFIX: prefix,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
      PORT: String(port),
    });
    await bot.waitFor('CQMS bot running');
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    const driver = new SlackDriver(eventsUrl, fake);

    // A new query with a screenshot Slack serves slowly: the submission is in flight for over a second.
    fake.fileDelayMs = 1_500;
    const shot = slackFile(fake, 'F0SLOW', 'slow.png', TINY_PNG, 'image/png');
    const inFlight = driver.submit('U0ZOE', 'V0SLOW', NEW_FORM, {
      category: { select: 'Bug Report' },
      heading: 'Sent just before the stop',
      description: 'd',
      mobile: null,
      screenshot: { files: [shot] },
    });
    await fake.waitFor(() => fake.of('file')[0], 'the screenshot download');
    const signalled = bot.signal('SIGTERM');
    await bot.waitFor('SIGTERM: taking no new requests', 5_000);

    // A request after the signal finds nobody listening.
    const late = await postSigned(
      eventsUrl,
      form({ command: '/cqms', text: 'help', user_id: 'U0ZOE', team_id: TEAM }),
      'application/x-www-form-urlencoded',
    ).catch((e: unknown) => e);
    expect((late as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');

    // The request in flight gets its answer, and what it did is stored.
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    const { code, at } = await bot.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(15_000);
    expect(bot.output).toContain('CQMS bot stopped.');

    const [rows] = (await db.store.sequelize.query(
      "SELECT id FROM client_queries WHERE heading = 'Sent just before the stop'",
    )) as [{ id: number }[], unknown];
    expect(rows).toHaveLength(1);
    const queryId = rows[0]!.id;
    expect(await db.store.attachments.forQuery(queryId)).toHaveLength(1);
    const confirmation = fake.calls.find((c) => c.at >= signalled && JSON.stringify(c.body).includes(`#${queryId}`));
    expect(confirmation).toBeDefined();
    // Its notifications left the outbox for the queue before the process exited.
    expect(await db.store.outbox.pendingCount()).toBe(0);
    const q = new BullmqQueue({ redisUrl: REDIS_URL, prefix });
    expect(await q.queue.getJobCountByTypes('waiting', 'prioritized')).toBeGreaterThanOrEqual(1);
    await q.close();
    console.log(`cqms bot: SIGTERM with a request in flight; exited 0 after ${at - signalled} ms`);
  }, 60_000);
});
