/**
 * A burst of messages to one query: a client sends N DMs at once in the query's DM thread (signed `message.im`
 * events to the real Bolt app of `cqms bot`, in-process queue, the fake Slack echoing the bot's own messages
 * back as Slack does), and the bench times how long until every copy is in the support thread, and until the
 * bot's delivery jobs have all finished (a job still retrying holds a queue slot and, past its wait, the message
 * it came for). Several rounds on the same query, on SQLite (the embedded desk) or MySQL.
 *
 *   npx tsx bench/relay-burst-bench.ts [--store sqlite|mysql] [--messages 4] [--rounds 5]
 */
import { parseArgs } from 'node:util';
import { InProcessQueue } from '../adapters/queue/in-process-queue';
import { createQuery } from '../core/queries/create-query';
import type { SlackMessage } from '../test/slack/fake-slack-messages';
import { SlackEvents } from '../test/slack/slack-events';
import { startSlackHarness, SUPPORT } from '../test/slack/slack-harness';
import type { StoreKind } from '../test/support/test-stores';

const { values: args } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    messages: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '5' },
  },
});
const N = Number(args.messages);
const ROUNDS = Number(args.rounds);
const CLIENT = 'U0ZOE';
const DM = `D${CLIENT}`;
const said = (m: SlackMessage) => JSON.stringify(m.blocks ?? m.text);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const h = await startSlackHarness(args.store as StoreKind);
  try {
    const events = new SlackEvents(h.driver.eventsUrl, h.fake);
    events.echoBotMessages();
    const zoe = await h.member('client', 'zoe', CLIENT);
    const deps = h.bot.runtime.deps;
    const { query } = await createQuery(
      deps,
      { ...zoe, platform: 'slack' },
      {
        category: 'Bug Report',
        heading: 'burst',
        description: 'many messages at once',
      },
    );
    await h.settle();
    const card = h.fake.messages.topLevel(SUPPORT).find((m) => said(m).includes(`#${query.id}`));
    const root = h.fake.messages.topLevel(DM).find((m) => m.text.includes(`Query #${query.id} raised`));
    if (!card || !root) throw new Error('the card or the DM thread root was not posted');
    const arrived = (tag: string) => h.fake.messages.thread(SUPPORT, card.ts).filter((m) => said(m).includes(tag));
    const delivered: number[] = [];
    const settled: number[] = [];
    console.log(
      `${N} DMs at once to one query, store ${h.store.store.dialect}, ${ROUNDS} rounds; Node ${process.version}`,
    );
    for (let round = 1; round <= ROUNDS; round++) {
      const tag = `round ${round} message `;
      const t0 = performance.now();
      const sent = await Promise.all(
        Array.from({ length: N }, (_, i) => events.say(CLIENT, DM, `${tag}${i + 1}`, { threadTs: root.ts })),
      );
      if (sent.some((s) => s.answer.status !== 200)) throw new Error('an event was not acknowledged with 200');
      while (arrived(tag).length < N) await new Promise((r) => setTimeout(r, 2));
      delivered.push(performance.now() - t0);
      await h.settle();
      settled.push(performance.now() - t0);
      const order = arrived(tag).map((m) => /round \d+ message (\d+)/.exec(said(m))?.[1]);
      const bySeq = (await deps.store.messages.forQuery(query.id, { includeInternal: true }))
        .filter((m) => m.text.startsWith(tag))
        .map((m) => m.text.slice(tag.length));
      if (order.join() !== bySeq.join()) throw new Error(`copies out of seq order: ${order} vs ${bySeq}`);
      console.log(
        `round ${round}: all ${N} copies in the support thread after ${delivered.at(-1)!.toFixed(0)} ms, delivery jobs finished after ${settled.at(-1)!.toFixed(0)} ms`,
      );
      await events.echoed();
    }
    // Jobs the in-process queue gave up on (a RetryLater asked too often, an error retried to the end).
    const queue = h.bot.runtime.queue;
    const failed = queue instanceof InProcessQueue ? queue.failed : [];
    for (const f of failed) console.log(`failed: ${f.error instanceof Error ? f.error.message : String(f.error)}`);
    console.log(
      `delivery jobs failed: ${failed.length}; median: copies delivered ${median(delivered).toFixed(0)} ms, jobs finished ${median(settled).toFixed(0)} ms`,
    );
  } finally {
    await h.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
