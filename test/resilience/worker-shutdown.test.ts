import { randomBytes } from 'node:crypto';
import { BullmqQueue } from '../../adapters/queue/bullmq-queue';
import { buildDesk } from '../../bot/desk-wiring';
import { readEnvironment } from '../../bot/environment';
import { createQuery } from '../../core/queries/create-query';
import { FakeSlack } from '../slack/fake-slack';
import { REDIS_URL } from '../support/queues-under-test';
import { makeActor } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { CqmsProcess } from './cli-process';
import { dropQueue } from './fault-support';

// Two `cqms worker` processes on one queue; the one running a slow job is stopped by SIGTERM.
describe('cqms worker on SIGTERM', () => {
  const prefix = `cqms-wstop-${process.pid}-${randomBytes(3).toString('hex')}`;
  let db: TestStore;
  let fake: FakeSlack;
  const workers: CqmsProcess[] = [];

  beforeAll(async () => {
    db = await openTestStore('mysql');
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    await dropQueue(prefix);
    await fake.close();
    await db.dispose();
  });

  it('finishes its slow job before exiting 0, and the other worker never runs it again', async () => {
    // Each worker posts with its own token, so the fake tells which one ran the job.
    const env = (token: string) => ({
      DATABASE_URL: db.url,
      REDIS_URL,
      CQMS_QUEUE_PREFIX: prefix,
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: 'unused-by-the-worker',
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
    });
    for (const token of ['xoxb-worker-a', 'xoxb-worker-b']) workers.push(new CqmsProcess(['worker'], env(token)));
    await Promise.all(workers.map((w) => w.waitFor('CQMS worker running')));

    fake.apiDelayMs.set('chat.postMessage', 2_000);
    const desk = await buildDesk(readEnvironment({ DATABASE_URL: db.url, REDIS_URL, CQMS_QUEUE_PREFIX: prefix }), {
      relay: true,
    });
    const zoe = await makeActor(desk.deps, 'client', 'zoe');
    const { query } = await createQuery(desk.deps, zoe, {
      category: 'Bug Report',
      heading: 'slow card',
      description: 'd',
    });
    await desk.settle();
    await desk.close();

    const posting = await fake.waitFor(
      () => fake.api('chat.postMessage').find((c) => c.body.channel === 'C0SUPPORT'),
      'the card being posted',
      15_000,
    );
    const runner = posting.headers.authorization === 'Bearer xoxb-worker-a' ? workers[0]! : workers[1]!;
    const other = runner === workers[0] ? workers[1]! : workers[0]!;
    const signalled = runner.signal('SIGTERM');
    const { code, at } = await runner.exited;
    expect(code).toBe(0);
    // It waited for Slack's slow answer: the job was finished, not abandoned.
    expect(at - signalled).toBeGreaterThanOrEqual(1_000);
    expect(runner.output).toContain('CQMS worker stopped.');

    const q = new BullmqQueue({ redisUrl: REDIS_URL, prefix });
    try {
      const card = (await q.queue.getCompleted()).filter((j) => JSON.stringify(j.data).includes('"channelCard"'));
      expect(card).toHaveLength(1);
      // Nothing of it is left to run or retry (the SLA sweep's and the digests' next runs, delayed, are the schedulers';
      // the query's conversation job waits for the card, so the other worker may still hold it).
      const left = await q.queue.getJobs(['active', 'waiting', 'delayed', 'failed']);
      expect(left.filter((j) => JSON.stringify(j.data).includes('"channelCard"')).map((j) => j.name)).toEqual([]);
      // The card's message reference was stored, so a later update edits it rather than posting again.
      expect(await db.store.messageRefs.find('slack', 'C0SUPPORT', query.id)).toMatchObject({
        messageId: expect.any(String),
      });
    } finally {
      await q.close();
    }
    // The other worker, still running, never posts the card a second time.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(fake.api('chat.postMessage').filter((c) => c.body.channel === 'C0SUPPORT')).toHaveLength(1);
    other.signal('SIGTERM');
    expect((await other.exited).code).toBe(0);
    console.log(
      `cqms worker: SIGTERM during a 2 s Slack call; finished the job and exited 0 after ${at - signalled} ms`,
    );
  }, 90_000);
});
