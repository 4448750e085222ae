import { randomBytes } from 'node:crypto';
import { FakeSlack } from '../slack/fake-slack';
import { form, postSigned, SIGNING_SECRET, TEAM } from '../slack/slack-driver';
import { REDIS_URL } from '../support/queues-under-test';
import { freePort } from '../support/redis-server';
import { slackMember } from '../support/slack-member';
import { testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { TcpProxy } from '../support/tcp-proxy';
import { CqmsProcess } from './cli-process';
import { dropQueue } from './fault-support';

const GRACE_MS = 2_000;
/** Between the grace and the exit: the exit timer firing late on a busy machine, the pipe's last bytes. */
const MARGIN_MS = 2_000;

// Real `cqms bot` and `cqms worker` processes whose stop cannot finish: MySQL, behind a proxy of the test's
// own, silently stops answering with work in flight. The grace (CQMS_SHUTDOWN_GRACE_MS) bounds the stop.
describe('a stop that cannot finish', () => {
  const prefix = `cqms-stuck-${process.pid}-${randomBytes(3).toString('hex')}`;
  let db: TestStore;
  let proxy: TcpProxy;
  let fake: FakeSlack;
  const running: CqmsProcess[] = [];

  beforeAll(async () => {
    db = await openTestStore('mysql');
    fake = await FakeSlack.start();
    await slackMember(testDesk(db.store), 'client', 'zoe', 'U0ZOE');
  });
  beforeEach(async () => {
    proxy = await TcpProxy.inFrontOf(db.url, 3306);
  });
  afterEach(async () => {
    for (const p of running.splice(0)) await p.kill();
    await proxy.close();
  });
  afterAll(async () => {
    await dropQueue(prefix);
    await fake.close();
    await db.dispose();
  });

  /** `cqms bot` in Slack HTTP mode on MySQL (through the proxy), jobs in-process; a command in flight when the database goes silent. */
  async function botWithStuckRequest(graceMs: number): Promise<CqmsProcess> {
    const port = await freePort();
    const bot = new CqmsProcess(['bot'], {
      DATABASE_URL: proxy.rewrite(db.url),
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
      PORT: String(port),
      CQMS_SHUTDOWN_GRACE_MS: String(graceMs),
    });
    running.push(bot);
    await bot.waitFor('CQMS bot running');
    await proxy.blackhole();
    void postSigned(
      `http://127.0.0.1:${port}/slack/events`,
      form({ command: '/cqms', text: 'list', user_id: 'U0ZOE', team_id: TEAM }),
      'application/x-www-form-urlencoded',
    ).catch(() => undefined);
    // The command reaches the bot and waits on the silent database (its statements are bounded by 5 s of silence).
    await new Promise((r) => setTimeout(r, 500));
    return bot;
  }

  /** The process exits 1 at the end of the grace (not before, not much after), and its log says why. */
  async function expectExitAtGrace(p: CqmsProcess, signalled: number): Promise<number> {
    const { code, at } = await p.exited;
    const ms = at - signalled;
    expect(code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(GRACE_MS);
    expect(ms).toBeLessThan(GRACE_MS + MARGIN_MS);
    expect(p.output).toContain(`the graceful stop did not finish within ${GRACE_MS} ms; exiting anyway`);
    return ms;
  }

  it('cqms bot exits 1 at the end of the grace, saying why, when a request in flight never finishes', async () => {
    const bot = await botWithStuckRequest(GRACE_MS);
    const ms = await expectExitAtGrace(bot, bot.signal('SIGTERM'));
    expect(bot.output).toContain(`(within ${GRACE_MS} ms; a second signal exits at once)`);
    expect(bot.output).not.toContain('CQMS bot stopped.');
    console.log(
      `cqms bot, database silent: SIGTERM with a request in flight, exited 1 after ${ms} ms (grace ${GRACE_MS} ms)`,
    );
  }, 60_000);

  it('cqms bot exits at once on a second signal during the grace, saying so', async () => {
    const bot = await botWithStuckRequest(30_000);
    bot.signal('SIGTERM');
    await bot.waitFor('SIGTERM: taking no new requests', 5_000);
    const again = bot.signal('SIGINT');
    const { code, at } = await bot.exited;
    expect(code).toBe(130);
    expect(at - again).toBeLessThan(MARGIN_MS);
    expect(bot.output).toContain('SIGINT again while stopping: exiting now, without waiting for the work in flight');
    console.log(`cqms bot: a second signal during the stop ended it ${at - again} ms later, code ${code}`);
  }, 60_000);

  it('cqms worker exits 1 at the end of the grace, saying why, when closing the database never finishes', async () => {
    const worker = new CqmsProcess(['worker'], {
      DATABASE_URL: proxy.rewrite(db.url),
      REDIS_URL,
      CQMS_QUEUE_PREFIX: prefix,
      CQMS_SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
    running.push(worker);
    await worker.waitFor('CQMS worker running');
    await proxy.blackhole();
    // The outbox relay's next pass (every second) waits on the silent database.
    await new Promise((r) => setTimeout(r, 1_500));
    const ms = await expectExitAtGrace(worker, worker.signal('SIGTERM'));
    expect(worker.output).not.toContain('CQMS worker stopped.');
    console.log(`cqms worker, database silent: SIGTERM, exited 1 after ${ms} ms (grace ${GRACE_MS} ms)`);
  }, 60_000);
});
