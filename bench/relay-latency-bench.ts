/**
 * Relay latency of a conversation under load: 50 clients, each with a query of their own, write several
 * messages each in their query's DM thread (signed `message.im` events) to one `cqms bot` process (the compiled
 * CLI, Slack in HTTP mode, with the NODE_OPTIONS docker-compose.yml gives it) while one `cqms worker` process
 * delivers the copies (BullMQ on a redis-server of the bench's own, MySQL in a database the bench creates and
 * drops). The latency of a message is from its event being sent to its copy
 * being posted in the query's support thread, both seen by the fake Slack (bench/conversation-fake-process.ts).
 * Beside it, in the same run, the acknowledgement floor: the same events sent the same way to a bare Bolt app
 * that only acknowledges. Rounds alternate between the two apps; in each round every client sends its messages
 * one after another, `--gap-ms` apart, the clients starting spread over one gap. The bot's RSS is sampled all
 * along (its peak, and the worker's). The fake echoes the bot's own messages back to it, as Slack does.
 *
 *   npm run build && npx tsx bench/relay-latency-bench.ts [--clients 50] [--messages 5] [--rounds 4] [--gap-ms 3000]
 *     [--worker-concurrency 4]
 *
 * Targets: relay p99 under 1 s; the bot's peak RSS under 200 MB.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { systemClock } from '../core/ports/clock';
import { createQuery } from '../core/queries/create-query';
import { slackMember } from '../test/support/slack-member';
import { testDesk } from '../test/support/test-desk';
import { openTestStore } from '../test/support/test-stores';
import { freePort, OwnRedis } from '../test/support/redis-server';
import { startApp } from './ack-bench-processes';
import { productionNodeOptions, startService } from './cli-service';
import { relayTag, RemoteConversationFake, type Sent } from './conversation-fake-process';
import { SIGNING_SECRET } from '../test/slack/slack-driver';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    messages: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '4' },
    'gap-ms': { type: 'string', default: '3000' },
    /** Jobs the worker runs at once (`cqms worker --concurrency`); the worker's default is 4. */
    'worker-concurrency': { type: 'string', default: '4' },
  },
});
const CLIENTS = Number(args.clients);
const MESSAGES = Number(args.messages);
const ROUNDS = Number(args.rounds);
const GAP_MS = Number(args['gap-ms']);
const WORKER_CONCURRENCY = Number(args['worker-concurrency']);
const SUPPORT = 'C0SUPPORT';
const ARRIVAL_TIMEOUT_MS = 60_000;
const TARGET = { p99Ms: 1_000, rssMb: 200 };

interface Client {
  user: string;
  dm: string;
  queryId: number;
  /** The ts of the bot's "Query #N raised" in the client's DM: the query's thread there. */
  threadTs: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Every client writes its messages of the round to `url`, `GAP_MS` apart; the clients start spread over a gap. */
async function round(fake: RemoteConversationFake, url: string, clients: Client[], name: string) {
  const sent = new Map<string, Sent>();
  await Promise.all(
    clients.map(async (c, i) => {
      await sleep((i * GAP_MS) / clients.length);
      for (let m = 1; m <= MESSAGES; m++) {
        const tag = relayTag(name, i, m);
        const s = await fake.say(url, c.user, c.dm, `${tag}: message ${m} of ${MESSAGES} this round`, c.threadTs);
        if (s.status !== 200) throw new Error(`the event of ${tag} was answered ${s.status}`);
        sent.set(tag, s);
        if (m < MESSAGES) await sleep(GAP_MS);
      }
    }),
  );
  return sent;
}

/** Each message of a round: sent -> stored by the bot (the message's created_at) -> its copy posted. */
interface Relay {
  total: number;
  stored: number;
  delivered: number;
}

/** Relay latencies of a round's messages, once all their copies are in the support threads. */
async function relayed(
  fake: RemoteConversationFake,
  sent: Map<string, Sent>,
  storedAt: () => Promise<Map<string, number>>,
): Promise<Relay[]> {
  const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
  for (;;) {
    const { at } = await fake.arrivals();
    const missing = [...sent.keys()].filter((tag) => !(tag in at));
    if (missing.length === 0) {
      const stored = await storedAt();
      return [...sent].map(([tag, s]) => {
        const st = stored.get(tag) ?? Number.NaN;
        return { total: at[tag]! - s.sentAt, stored: st - s.sentAt, delivered: at[tag]! - st };
      });
    }
    if (Date.now() > deadline)
      throw new Error(`${missing.length} copies not delivered within ${ARRIVAL_TIMEOUT_MS} ms: ${missing.slice(0, 5)}`);
    await sleep(20);
  }
}

/** Accounts linked to Slack users and one open query each, raised before the apps start: a fresh desk's state. */
async function seed(store: Parameters<typeof testDesk>[0]) {
  const deps = { ...testDesk(store), clock: systemClock };
  const out: Omit<Client, 'threadTs'>[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const user = `U0C${String(i).padStart(4, '0')}`;
    const actor = await slackMember(deps, 'client', `client${i}`, user);
    const { query } = await createQuery(
      deps,
      { ...actor, platform: 'slack' },
      { category: 'Bug Report', heading: `relay bench ${i}`, description: 'a conversation under load' },
    );
    out.push({ user, dm: `D${user}`, queryId: query.id });
  }
  return out;
}

/** Waits for the worker to have posted every query's DM thread root ("Query #N raised"). */
async function threadRoots(fake: RemoteConversationFake, seeded: Omit<Client, 'threadTs'>[]): Promise<Client[]> {
  const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
  const out: Client[] = [];
  for (const c of seeded) {
    for (;;) {
      const root = (await fake.topLevel(c.dm)).find((m) => m.text.includes(`Query #${c.queryId} raised`));
      if (root) {
        out.push({ ...c, threadTs: root.ts });
        break;
      }
      if (Date.now() > deadline) throw new Error(`query #${c.queryId}'s DM thread was not started`);
      await sleep(50);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const store = await openTestStore('mysql');
  const redis = new OwnRedis(await freePort());
  const fake = await RemoteConversationFake.start(SUPPORT);
  try {
    await redis.start();
    const seeded = await seed(store.store);
    const env = {
      DATABASE_URL: store.url,
      REDIS_URL: redis.url,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: SUPPORT,
    };
    const bare = await startApp('bare', env);
    const port = await freePort();
    const bot = await startService(
      'bot',
      { ...env, PORT: String(port) },
      /CQMS bot running/,
      productionNodeOptions('bot'),
    );
    const botUrl = `http://127.0.0.1:${port}/slack/events`;
    const worker = await startService(
      'worker',
      { ...env, PORT: String(await freePort()), WORKER_PORT: String(await freePort()) },
      /CQMS worker running/,
      productionNodeOptions('worker'),
      ['--concurrency', String(WORKER_CONCURRENCY)],
    );
    fake.echoTo(botUrl);
    const floor: number[] = [];
    const acks: number[] = [];
    const relays: Relay[] = [];
    const storedAt = async () => {
      const out = new Map<string, number>();
      for (const c of seeded)
        for (const m of await store.store.messages.forQuery(c.queryId, { includeInternal: true }))
          out.set(m.text.split(':')[0]!, m.createdAt.getTime());
      return out;
    };
    let echoes = 0;
    const started = Date.now();
    try {
      const clients = await threadRoots(fake, seeded);
      // One warm-up round of each (not counted), then the rounds measured.
      for (let r = -1; r < ROUNDS; r++) {
        const name = r < 0 ? 'warm' : `r${r}`;
        const b = await round(fake, bare.url, clients, `bare${name}`);
        const o = await round(fake, botUrl, clients, name);
        const ms = await relayed(fake, o, storedAt);
        echoes += await fake.echoed();
        if (r < 0) continue;
        floor.push(...[...b.values()].map((s) => s.ackMs));
        acks.push(...[...o.values()].map((s) => s.ackMs));
        relays.push(...ms);
      }
    } finally {
      await bare.stop();
      await bot.stop();
      await worker.stop();
    }
    const { twice } = await fake.arrivals();
    const botPeak = bot.memory.peakMb();
    const workerPeak = worker.memory.peakMb();
    const total = relays.map((r) => r.total);
    const stored = relays.map((r) => r.stored);
    const delivered = relays.map((r) => r.delivered);
    for (const s of [floor, acks, total, stored, delivered]) s.sort((a, b) => a - b);
    const row = (name: string, s: number[]) =>
      `${name.padEnd(44)}${pct(s, 50).toFixed(1).padStart(8)}${pct(s, 99).toFixed(1).padStart(8)}${s.at(-1)!.toFixed(1).padStart(9)}`;
    const p99 = pct(total, 99);
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    console.log(
      `Conversation relay: ${CLIENTS} clients, one query each, ${MESSAGES} DMs per client per round ${GAP_MS} ms apart, ${ROUNDS} rounds after a warm-up (${relays.length} messages relayed, ${floor.length} sent to the bare app); ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    console.log(
      `one cqms bot (Slack HTTP) + one cqms worker (concurrency ${WORKER_CONCURRENCY}; BullMQ on its own redis-server), compiled, NODE_OPTIONS bot '${productionNodeOptions('bot')}' worker '${productionNodeOptions('worker')}'; MySQL (fresh database); the bot's own messages echoed back to it (${echoes}); Node ${process.version}; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
    );
    console.log(`${''.padEnd(44)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'max ms'.padStart(9)}`);
    console.log(row('bare Bolt app: event acknowledged (floor)', floor));
    console.log(row('cqms bot: DM event acknowledged', acks));
    console.log(row('relay: DM event sent -> copy in support thread', total));
    console.log(row('  of which: event sent -> message stored (bot)', stored));
    console.log(row('  and: message stored -> copy posted (worker)', delivered));
    console.log(
      `copies posted twice: ${twice}; ERROR log lines: bot ${bot.errors.length}, worker ${worker.errors.length}; WARN: bot ${bot.warnings}, worker ${worker.warnings}`,
    );
    console.log(
      `RSS: cqms bot ${bot.readyMb.toFixed(0)} MB ready, ${botPeak.toFixed(0)} MB peak; cqms worker ${worker.readyMb.toFixed(0)} MB ready, ${workerPeak.toFixed(0)} MB peak`,
    );
    console.log(
      `targets: relay p99 < ${TARGET.p99Ms} ms ${verdict(p99 < TARGET.p99Ms)} (${p99.toFixed(0)} ms); bot RSS < ${TARGET.rssMb} MB ${verdict(botPeak < TARGET.rssMb)} (${botPeak.toFixed(0)} MB)`,
    );
  } finally {
    await fake.stop();
    await redis.kill();
    await store.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
