import type { Actor } from '../../core/domain/actor';
import { claimQuery } from '../../core/queries/claim-query';
import { createQuery } from '../../core/queries/create-query';
import { APP_ID, SUPPORT_CHANNEL } from '../discord/discord-ids';
import { FakeDiscord } from '../discord/fake-discord';
import { FakeSlack, type RecordedCall } from '../slack/fake-slack';
import { SIGNING_SECRET } from '../slack/slack-driver';
import { freePort, OwnRedis } from '../support/redis-server';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { CqmsProcess } from './cli-process';

const SLACK_SUPPORT = 'C0SUPPORT';

export interface CardRaceResult {
  queries: number;
  /** Card messages beyond the first, per query and platform. */
  duplicates: number;
  /** Card messages the desk does not point at (message_refs): left in the channel with an old status for ever. */
  orphans: number;
  /** Cards whose message does not show the query as it is now. */
  stale: number;
  /** What went wrong, one line each. */
  problems: string[];
  /** From Redis's return to the last notification job done (or given up on). */
  drainedMs: number;
}

const mentions = (json: unknown, queryId: number) => new RegExp(`#${queryId}(?!\\d)`).test(JSON.stringify(json));

async function until(probe: () => Promise<boolean>, what: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Two real `cqms worker` processes on one MySQL database and a redis-server of the scenario's own, posting to
 * fake Slack and Discord. Redis is stopped while `count` queries are raised and claimed, then started again:
 * each query's "raised" and "claimed" card jobs wait in the queue together, and the two workers take them at
 * once. Reads back what each platform shows: every query must have one card message per platform, the one
 * message_refs points at, showing the query as claimed.
 */
export async function cardRace(count = 10): Promise<CardRaceResult> {
  const db: TestStore = await openTestStore('mysql');
  const redis = new OwnRedis(await freePort());
  const slack = await FakeSlack.start();
  const discord = await FakeDiscord.start();
  const workers: CqmsProcess[] = [];
  try {
    await redis.start();
    const deps = testDesk(db.store);
    const now = () => (deps.clock.set(new Date()), deps);
    const zoe = await makeActor(now(), 'client', 'zoe');
    const ann: Actor = await makeActor(now(), 'agent', 'ann');
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_SUPPORT_CHANNEL: SLACK_SUPPORT,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL,
      DISCORD_API_URL: discord.apiUrl,
    };
    for (let i = 0; i < 2; i++) workers.push(new CqmsProcess(['worker'], env));
    await Promise.all(workers.map((w) => w.waitFor('CQMS worker running', 90_000)));

    await redis.kill();
    const ids: number[] = [];
    // Each query claimed as soon as it is raised: its two card jobs sit side by side in the backlog.
    for (let i = 0; i < count; i++) {
      const { query } = await createQuery(now(), zoe, {
        category: 'Bug Report',
        heading: `race ${i}`,
        description: 'd',
      });
      await claimQuery(now(), ann, query.id);
      ids.push(query.id);
    }
    await redis.start();
    const back = Date.now();
    const undone = async () =>
      Number(
        (
          (await db.store.sequelize.query('SELECT COUNT(*) AS n FROM outbox WHERE done_at IS NULL')) as [
            { n: number }[],
            unknown,
          ]
        )[0][0]!.n,
      );
    const problems: string[] = [];
    await until(async () => (await undone()) === 0, 'every notification job done', 60_000).catch(async () =>
      problems.push(`${await undone()} notification jobs not done 60 s after Redis came back`),
    );
    const drainedMs = Date.now() - back;
    await new Promise((r) => setTimeout(r, 1_000)); // anything still on its way lands

    let duplicates = 0;
    let orphans = 0;
    let stale = 0;
    for (const id of ids) {
      const shown = (await db.store.queries.findById(id))!.status;
      // Slack: the posts of this card, and every write to the message the desk points at, in arrival order.
      const ref = await db.store.messageRefs.find('slack', SLACK_SUPPORT, id);
      const writes = slack.calls.filter(
        (c: RecordedCall) => c.kind === 'api' && c.body.channel === SLACK_SUPPORT && mentions(c.body, id),
      );
      const posts = writes.filter((c) => c.method === 'chat.postMessage').length;
      const strayEdits = writes.filter((c) => c.method === 'chat.update' && c.body.ts !== ref?.messageId).length;
      duplicates += Math.max(0, posts - 1);
      orphans += Math.max(0, posts - (ref ? 1 : 0)) + strayEdits;
      if (posts !== 1 || strayEdits)
        problems.push(`query #${id}: ${posts} Slack card posts, ${strayEdits} edits of another message`);
      if (!writes.length || !JSON.stringify(writes.at(-1)!.body).includes(shown)) {
        stale += 1;
        problems.push(`query #${id}: the Slack card does not show ${shown}`);
      }
      // Discord: the fake keeps each message as last written.
      const dref = await db.store.messageRefs.find('discord', SUPPORT_CHANNEL, id);
      const messages = [...(discord.messages.get(SUPPORT_CHANNEL)?.values() ?? [])].filter((m) => mentions(m, id));
      duplicates += Math.max(0, messages.length - 1);
      orphans += messages.filter((m) => m.id !== dref?.messageId).length;
      if (messages.length !== 1 || messages[0]!.id !== dref?.messageId)
        problems.push(
          `query #${id}: ${messages.length} Discord card messages (desk points at ${dref?.messageId ?? 'none'})`,
        );
      const current = messages.find((m) => m.id === dref?.messageId);
      if (!current || !JSON.stringify(current).includes(shown)) {
        stale += 1;
        problems.push(`query #${id}: the Discord card does not show ${shown}`);
      }
    }
    return { queries: ids.length, duplicates, orphans, stale, problems, drainedMs };
  } finally {
    for (const w of workers) await w.kill();
    await redis.kill();
    await slack.close();
    await discord.close();
    await db.dispose();
  }
}
