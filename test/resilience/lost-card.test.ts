import { FakeSlack } from '../slack/fake-slack';
import { SIGNING_SECRET, SlackDriver } from '../slack/slack-driver';
import { freePort } from '../support/redis-server';
import { slackMember } from '../support/slack-member';
import { NEW_FORM } from '../support/slack-new-query';
import { testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { CqmsProcess } from './cli-process';

// Without Redis the jobs live in the bot's memory; a bot killed with a card in flight must not leave it for the
// outbox's 10-minute redelivery: its restart takes over what the dead process held.
describe('cqms bot without Redis, killed with a card in flight', () => {
  let db: TestStore;
  let fake: FakeSlack;
  const bots: CqmsProcess[] = [];

  beforeAll(async () => {
    db = await openTestStore('mysql');
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    for (const b of bots) await b.kill();
    await fake.close();
    await db.dispose();
  });

  it('posts the card within seconds of the restart', async () => {
    await slackMember(testDesk(db.store), 'client', 'zoe', 'U0ZOE');
    const port = await freePort();
    const env = {
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    };
    const first = new CqmsProcess(['bot'], env, { group: true });
    bots.push(first);
    await first.waitFor('CQMS bot running');
    const driver = new SlackDriver(`http://127.0.0.1:${port}/slack/events`, fake);

    // Slack is slow to take the card: the job is running when the bot dies (killed as soon as the post arrives).
    fake.apiDelayMs.set('chat.postMessage', 15_000);
    const cardPosts = () => fake.api('chat.postMessage').filter((c) => c.body.channel === 'C0SUPPORT');
    const answer = await driver.submit('U0ZOE', 'V0NEW', NEW_FORM, {
      category: { select: 'Bug Report' },
      heading: 'Raised just before a crash',
      description: 'd',
      mobile: null,
      screenshot: { files: [] },
    });
    expect(answer.status).toBe(200);
    const raised = await fake.waitFor(
      () => fake.calls.find((c) => /Query #\d+ raised/.test(JSON.stringify(c.body))),
      'the "Query raised" answer',
    );
    const queryId = Number(/Query #(\d+) raised/.exec(JSON.stringify(raised.body))![1]);
    await fake.waitFor(() => cardPosts()[0], 'the card post under way');
    const killed = first.crash();
    await first.exited;
    fake.apiDelayMs.delete('chat.postMessage');
    // What the dead bot held: relayed to its in-process queue, never done.
    const [rows] = (await db.store.sequelize.query('SELECT sent_at AS sentAt, done_at AS doneAt FROM outbox')) as [
      { sentAt: unknown; doneAt: unknown }[],
      unknown,
    ];
    expect(rows.some((r) => r.sentAt !== null && r.doneAt === null)).toBe(true);

    const restarted = Date.now();
    const second = new CqmsProcess(['bot'], env, { group: true });
    bots.push(second);
    const card = await fake.waitFor(() => cardPosts().find((c) => c.at > killed), 'the card after the restart', 60_000);
    expect(JSON.stringify(card.body)).toContain(`#${queryId}`);
    // The restarted bot is up when its Slack client checks its token (before the desk is built); how long node
    // takes to get there (compiling the sources through tsx, on a loaded machine) is not the desk's doing.
    const up = fake.api('auth.test').find((c) => c.at > restarted)!;
    const ms = card.at - up.at;
    console.log(
      `card of query #${queryId} posted ${ms} ms after the restarted bot was up (${card.at - restarted} ms after its spawn, ${restarted - killed} ms after the kill)`,
    );
    // Far below the outbox's 10-minute redelivery: the restart took over at once.
    expect(ms).toBeLessThan(10_000);
    await second.waitFor('CQMS bot running');
    expect(cardPosts().filter((c) => c.at > killed)).toHaveLength(1);
  }, 120_000);
});
