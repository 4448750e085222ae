import { randomBytes } from 'node:crypto';
import { buildDesk, type DeskRuntime } from '../../bot/desk-wiring';
import { readEnvironment } from '../../bot/environment';
import type { Actor } from '../../core/domain/actor';
import { createQuery } from '../../core/queries/create-query';
import { FakeSlack, type RecordedCall } from '../slack/fake-slack';
import { SIGNING_SECRET, SlackDriver } from '../slack/slack-driver';
import { REDIS_URL } from '../support/queues-under-test';
import { freePort } from '../support/redis-server';
import { linkSlackUser } from '../support/slack-member';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { CqmsProcess } from './cli-process';
import { dropQueue } from './fault-support';

const SUPPORT = 'C0SUPPORT';
const LEADS = 'C0LEADS';
const AGENTS = 20;
const DAY = 24 * 3600_000;

type Rows<T> = [T[], unknown];
const body = (c: RecordedCall) => JSON.stringify(c.body);
const mentions = (c: RecordedCall, queryId: number) => new RegExp(`#${queryId}\\b`).test(body(c));

/**
 * Two `cqms bot` processes (Slack HTTP mode, one port each) and two `cqms worker` processes on one MySQL
 * database and one Redis (a key prefix of the test's own): they must behave as one desk.
 */
describe('two bots and two workers', () => {
  const prefix = `cqms-scale-${process.pid}-${randomBytes(3).toString('hex')}`;
  let db: TestStore;
  let fake: FakeSlack;
  let desk: DeskRuntime;
  const processes: CqmsProcess[] = [];
  const drivers: SlackDriver[] = [];

  const waitUntil = async (probe: () => Promise<boolean>, what: string, timeoutMs = 30_000) => {
    const until = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    db = await openTestStore('mysql');
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    for (const p of processes) await p.kill();
    await desk?.close();
    await dropQueue(prefix);
    await fake.close();
    await db.dispose();
  });

  it('claims have one winner, SLA levels alert once, every notification reaches Slack once', async () => {
    // Accounts first, straight in the database; one old query (raised 3 days ago) has every SLA level due.
    const setup = testDesk(db.store);
    const link = (actor: Actor, slackId: string) => linkSlackUser(db.store, actor.userId, slackId);
    const zoe = await makeActor(setup, 'client', 'zoe', 'slack');
    await link(zoe, 'U0ZOE');
    const agents: string[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const slackId = `U0AG${String(i).padStart(2, '0')}`;
      await link(await makeActor(setup, 'agent', `agent${i}`), slackId);
      agents.push(slackId);
    }
    setup.clock.set(new Date(Date.now() - 3 * DAY));
    const late = await createQuery(setup, zoe, {
      category: 'Bug Report',
      heading: 'Waiting for days',
      description: 'd',
    });

    const shared = {
      DATABASE_URL: db.url,
      REDIS_URL,
      CQMS_QUEUE_PREFIX: prefix,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: SUPPORT,
      SLACK_LEADS_CHANNEL: LEADS,
    };
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      processes.push(new CqmsProcess(['bot'], { ...shared, PORT: String(port) }));
      drivers.push(new SlackDriver(`http://127.0.0.1:${port}/slack/events`, fake));
    }
    for (let i = 0; i < 2; i++) processes.push(new CqmsProcess(['worker'], shared));
    await Promise.all(processes.map((p, i) => p.waitFor(i < 2 ? 'CQMS bot running' : 'CQMS worker running', 60_000)));

    // A fresh query, raised through the first bot's desk code path: its card is posted by whichever worker.
    desk = await buildDesk(readEnvironment({ DATABASE_URL: db.url, REDIS_URL, CQMS_QUEUE_PREFIX: prefix }), {
      relay: true,
    });
    const { query } = await createQuery(desk.deps, zoe, {
      category: 'Bug Report',
      heading: 'Claim me',
      description: 'd',
    });
    await desk.settle();
    await fake.waitFor(
      () => fake.api('chat.postMessage').find((c) => c.body.channel === SUPPORT && mentions(c, query.id)),
      'the card',
      20_000,
    );

    // 20 agents claim it at once, alternating between the two bots.
    const sent = await Promise.all(agents.map((a, i) => drivers[i % 2]!.slash(a, `claim ${query.id}`)));
    expect(sent.every((s) => s.status === 200)).toBe(true);
    const answers = await Promise.all(
      sent.map((s) =>
        fake.waitFor(
          () => fake.of('response').find((c) => c.method === new URL(s.responseUrl).pathname),
          'a claim answer',
          20_000,
        ),
      ),
    );
    const won = answers.filter((a) => /You claimed query #/.test(body(a)));
    const refused = answers.filter((a) => /already claimed by/.test(body(a)));
    expect([won.length, refused.length]).toEqual([1, AGENTS - 1]);
    const [claims] = (await db.store.sequelize.query(
      `SELECT COUNT(*) AS n FROM query_events WHERE query_id = ${query.id} AND type = 'claimed'`,
    )) as Rows<{ n: number }>;
    expect(Number(claims[0]!.n)).toBe(1);

    // The sweeps (both workers' one scheduler) record each level of the late query once.
    await waitUntil(
      async () =>
        (await db.store.sequelize
          .query(`SELECT COUNT(*) AS n FROM sla_alerts WHERE query_id = ${late.query.id}`)
          .then(([r]) => Number((r as { n: number }[])[0]!.n))) >= 4,
      'the SLA alerts',
    );
    // Quiet: nothing left in the outbox or the queue.
    await waitUntil(async () => (await db.store.outbox.pendingCount()) === 0, 'the outbox to drain');
    await new Promise((r) => setTimeout(r, 3_000));
    const [levels] = (await db.store.sequelize.query(
      `SELECT clock, level, COUNT(*) AS n FROM sla_alerts WHERE query_id = ${late.query.id} GROUP BY clock, level`,
    )) as Rows<{ clock: string; level: string; n: number }>;
    expect(levels.map((l) => `${l.clock} ${l.level} ${l.n}`).sort()).toEqual([
      'firstResponse breach 1',
      'firstResponse warning 1',
      'resolution breach 1',
      'resolution warning 1',
    ]);

    // Every intent in the outbox reached Slack exactly once.
    const [outbox] = (await db.store.sequelize.query('SELECT job FROM outbox')) as Rows<{ job: string }>;
    const intents = outbox.map(
      (o) => (JSON.parse(o.job) as { intent: { kind: string; queryId: number; channel?: string } }).intent,
    );
    const count = (pred: (i: (typeof intents)[number]) => boolean) => intents.filter(pred).length;
    const posted = fake.api('chat.postMessage');
    for (const q of [query.id, late.query.id]) {
      const cards = posted.filter(
        (c) => c.body.channel === SUPPORT && mentions(c, q) && !/SLA|breach|warning/i.test(String(c.body.text)),
      );
      expect(cards).toHaveLength(1);
      const updates = fake.api('chat.update').filter((c) => mentions(c, q));
      expect(updates).toHaveLength(count((i) => i.kind === 'channelCard' && i.queryId === q) - 1);
    }
    const alerts = posted.filter((c) => /SLA|breach|warning/i.test(String(c.body.text)));
    expect(alerts).toHaveLength(count((i) => i.kind === 'slaAlert'));
    expect(new Set(alerts.map(body)).size).toBe(alerts.length);
    // A client's DMs: what the desk tells them, and each query's conversation thread root, posted once.
    const dms = posted.filter((c) => String(c.body.channel).startsWith('D'));
    const roots = dms.filter((c) => /^Query #\d+ raised/.test(String(c.body.text)));
    expect(roots.map((c) => String(c.body.text).match(/#(\d+)/)![1]).sort()).toEqual(
      [query.id, late.query.id].map(String).sort(),
    );
    expect(dms.length - roots.length).toBe(count((i) => i.kind === 'tellClient'));
    console.log(
      `scale out: ${intents.length} notifications (${count((i) => i.kind === 'slaAlert')} SLA alerts) each delivered once; 1 of ${AGENTS} claims won`,
    );
  }, 180_000);
});
