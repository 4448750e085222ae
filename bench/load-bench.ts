/**
 * Load run against ONE real `cqms bot` process (the compiled CLI, Slack in HTTP mode with request signing, MySQL,
 * BullMQ on Redis) with a real `cqms worker` delivering its notifications: 50 virtual users (clients, agents,
 * leads) each send their next signed request as soon as the last one is acknowledged, mixing slash commands,
 * modal submissions and card buttons. The Slack Web API is test/slack/fake-slack.ts in a child process.
 * Prints throughput, p50/p99 acknowledgement latency, errors, and the peak RSS of the bot and the worker.
 *
 *   npm run build && npx tsx bench/load-bench.ts [--seconds 120] [--clients 50] [--seeded 200] [--pace answer|ack] [--lead-mix team,queue,sla] [--node-options=...] [--worker-node-options=...]
 *
 * Each service runs with the NODE_OPTIONS docker-compose.yml gives it (the bot's heap budget), unless
 * `--node-options` (the bot's) or `--worker-node-options` say otherwise (`--node-options=` for none).
 *
 * `--pace answer` (default): each user sends the next request once the answer to the last reached Slack.
 * `--pace ack`: as soon as it is acknowledged, which floods the bot with work it queues after acknowledging.
 *
 * Targets: 0 errors; bot peak RSS < 200 MB. Uses MySQL on TEST_MYSQL_URL (a scratch database, dropped after)
 * and a redis-server of its own on a free port.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Desk } from '../core/conversation/desk';
import { signatureHeaders, SIGNING_SECRET, TEAM } from '../test/slack/slack-driver';
import { freePort, OwnRedis } from '../test/support/redis-server';
import { slackMember } from '../test/support/slack-member';
import { testDesk } from '../test/support/test-desk';
import { openTestStore, type TestStore } from '../test/support/test-stores';
import { RemoteFakeSlack } from './fake-slack-process';
import { AnswerPacer } from './answer-pacer';
import { nextRequest, type LoadRole, type LoadState, type VirtualUser } from './load-mix';
import { connection } from './mysql-admin';
import { CLI, productionNodeOptions, startService, type Service } from './cli-service';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    clients: { type: 'string', default: '50' },
    seeded: { type: 'string', default: '200' },
    pace: { type: 'string', default: 'answer' },
    'lead-mix': { type: 'string', default: 'team,queue,sla' },
    'node-options': { type: 'string' },
    'worker-node-options': { type: 'string' },
  },
});
/** NODE_OPTIONS per service: as production runs them unless told otherwise. */
const NODE_OPTIONS = {
  bot: args['node-options'] ?? productionNodeOptions('bot'),
  worker: args['worker-node-options'] ?? productionNodeOptions('worker'),
};
const SECONDS = Number(args.seconds);
const CLIENTS = Number(args.clients);
const SEEDED = Number(args.seeded);
/** `answer`: a user's next request waits for the answer to the last (people read before they click); `ack`: only for the acknowledgement. */
const PACE = args.pace === 'ack' ? 'ack' : 'answer';
/** An answer later than this counts as missing. */
const ANSWER_TIMEOUT_MS = 15_000;
/** Slack shows the user an error when an acknowledgement takes longer. */
const SLACK_ACK_LIMIT_MS = 3000;

/** Half the users are clients, 40 % agents, 10 % leads. */
function roleOf(i: number): LoadRole {
  const k = i % 10;
  return k < 5 ? 'client' : k < 9 ? 'agent' : 'lead';
}

async function seed(ts: TestStore): Promise<VirtualUser[]> {
  const deps = testDesk(ts.store);
  const users: VirtualUser[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const role = roleOf(i);
    const username = `${role}${String(i).padStart(2, '0')}`;
    const slackId = `U0LOAD${String(i).padStart(3, '0')}`;
    await slackMember(deps, role, username, slackId);
    users.push({ role, username, slackId, claimed: [] });
  }
  const desk = new Desk(deps);
  const client = await desk.conversation({
    platform: 'slack',
    workspaceId: TEAM,
    platformUserId: users.find((u) => u.role === 'client')!.slackId,
  });
  for (let i = 0; i < SEEDED; i++)
    await desk.run(client, 'new', {
      category: 'Bug Report',
      heading: `seeded query ${i}`,
      description: 'open before the run',
    });
  return users;
}

/** cqms_commands_total from the bot's /metrics: by outcome, and by `outcome command` for the outcomes other than ok. */
async function commandOutcomes(
  port: number,
): Promise<{ byOutcome: Map<string, number>; refusals: Map<string, number> }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const byOutcome = new Map<string, number>();
  const refusals = new Map<string, number>();
  for (const m of text.matchAll(/^cqms_commands_total\{command="([^"]+)",outcome="([^"]+)"\} (\d+)/gm)) {
    const [, command, outcome, n] = m as unknown as [string, string, string, string];
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + Number(n));
    if (outcome !== 'ok') refusals.set(`${outcome} ${command}`, Number(n));
  }
  return { byOutcome, refusals };
}

interface Sample {
  label: string;
  ms: number;
  ok: boolean;
  /** From sending to the first answer at Slack (answer pacing); null when none came in time. */
  answerMs: number | null;
}

/** One virtual user: the next request as soon as the last is acknowledged, until the deadline. */
async function runUser(
  user: VirtualUser,
  url: string,
  state: LoadState,
  pacer: AnswerPacer,
  until: number,
  samples: Sample[],
  failures: string[],
): Promise<void> {
  for (let n = 0; performance.now() < until; n++) {
    pacer.current = user.slackId;
    const { label, body } = nextRequest(user, n, state);
    const answer = PACE === 'answer' ? pacer.expect(user.slackId, ANSWER_TIMEOUT_MS) : null;
    const started = performance.now();
    let ok = false;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      ok = res.status === 200;
      if (!ok) failures.push(`${label}: HTTP ${res.status}`);
      if (ok && label === 'submit new query') state.maxQueryId += 1;
    } catch (e) {
      failures.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const ms = performance.now() - started;
    const answered = ok && answer ? await answer : false;
    samples.push({ label, ms, ok, answerMs: answered ? performance.now() - started : null });
  }
}

/** Until nothing is left in the outbox and the fake Slack has seen no new call for two seconds (at most a minute). */
async function drained(fake: RemoteFakeSlack, databaseUrl: string): Promise<number> {
  const started = performance.now();
  const db = await connection(databaseUrl, new URL(databaseUrl).pathname.slice(1));
  try {
    let last = '';
    let stableSince = performance.now();
    while (performance.now() - started < 60_000) {
      const [rows] = await db.query('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
      const pending = Number((rows as { n: number }[])[0]?.n ?? 0);
      const seen = JSON.stringify(await fake.counts());
      if (seen !== last || pending > 0) {
        if (process.env.LOAD_BENCH_DEBUG) console.log(`draining: outbox ${pending}, calls ${seen}`);
        [last, stableSince] = [seen, performance.now()];
      } else if (performance.now() - stableSince > 2000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    return (performance.now() - started) / 1000;
  } finally {
    await db.end();
  }
}

async function statusCounts(databaseUrl: string): Promise<string> {
  const db = await connection(databaseUrl, new URL(databaseUrl).pathname.slice(1));
  try {
    const [rows] = await db.query('SELECT status, COUNT(*) AS n FROM client_queries GROUP BY status ORDER BY status');
    return (rows as { status: string; n: number }[]).map((r) => `${r.status} ${r.n}`).join(', ');
  } finally {
    await db.end();
  }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const fake = await RemoteFakeSlack.start();
  const ts = await openTestStore('mysql');
  const redis = new OwnRedis(await freePort());
  await redis.start();
  const services: Service[] = [];
  let cleaning: Promise<void> | undefined;
  // Also on Ctrl-C or a timeout: the processes, the redis-server and the scratch database must not outlive the run.
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const s of services) {
        await s.stop();
        s.memory.stop();
      }
      await redis.kill();
      await ts.dispose();
      await fake.stop();
    })());
  const interrupted = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const users = await seed(ts);
    const port = await freePort();
    const env = {
      DATABASE_URL: ts.url,
      REDIS_URL: redis.url,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
      SLACK_LEADS_CHANNEL: 'C0LEADS',
    };
    const bot = await startService('bot', { ...env, PORT: String(port) }, /CQMS bot running/, NODE_OPTIONS.bot);
    services.push(bot);
    const worker = await startService(
      'worker',
      { ...env, PORT: String(await freePort()), WORKER_PORT: String(await freePort()) },
      /CQMS worker running/,
      NODE_OPTIONS.worker,
    );
    services.push(worker);

    const pacer = new AnswerPacer(fake.url);
    fake.onAnswered((key) => pacer.answered(key));
    const state: LoadState = {
      maxQueryId: SEEDED,
      responseUrl: () => pacer.responseUrl(),
      triggerId: () => pacer.triggerId(),
      leadCommands: args['lead-mix'].split(','),
    };
    const samples: Sample[] = [];
    const failures: string[] = [];
    const loadBefore = loadavg()[0]!;
    const started = performance.now();
    const until = started + SECONDS * 1000;
    await Promise.all(
      users.map((u) => runUser(u, `http://127.0.0.1:${port}/slack/events`, state, pacer, until, samples, failures)),
    );
    const elapsed = (performance.now() - started) / 1000;
    const drainSeconds = await drained(fake, ts.url);
    const calls = await fake.counts();
    const statuses = await statusCounts(ts.url);
    const [botMb, workerMb] = [bot.memory.peakMb(), worker.memory.peakMb()];
    const outcomes = await commandOutcomes(port);
    const [botExit, workerExit] = [await bot.stop(), await worker.stop()];

    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    const late = samples.filter((s) => s.ms > SLACK_ACK_LIMIT_MS).length;
    const byLabel = new Map<string, number[]>();
    for (const s of samples) byLabel.set(s.label, [...(byLabel.get(s.label) ?? []), s.ms]);
    console.log(
      `Load run: ${CLIENTS} concurrent Slack users (${users.filter((u) => u.role === 'client').length} clients, ${users.filter((u) => u.role === 'agent').length} agents, ${users.filter((u) => u.role === 'lead').length} leads), ${elapsed.toFixed(0)} s, one cqms bot + one cqms worker on MySQL (${SEEDED} open queries seeded) and Redis; paced on ${PACE === 'answer' ? 'answers' : 'acknowledgements'}; leads run ${args['lead-mix']}; Node ${process.version}`,
    );
    console.log(`NODE_OPTIONS: bot ${NODE_OPTIONS.bot || '(none)'}; worker ${NODE_OPTIONS.worker || '(none)'}`);
    console.log(
      `machine: load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${cpus().length} cores`,
    );
    console.log(
      `requests acknowledged: ${samples.length - failures.length} of ${samples.length}; throughput ${(samples.length / elapsed).toFixed(1)} req/s`,
    );
    console.log(
      `commands run, by outcome (the bot's /metrics): ${[...outcomes.byOutcome].map(([o, n]) => `${o} ${n}`).join(', ')}; refused as busy (shed, nothing run): ${outcomes.byOutcome.get('shed') ?? 0}`,
    );
    console.log(
      `  not ok, by command (the mix's users try what the desk refuses, e.g. closing a query another agent won): ${[...outcomes.refusals].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    );
    console.log(
      `acknowledgement latency: p50 ${pct(ms, 50).toFixed(1)} ms, p99 ${pct(ms, 99).toFixed(1)} ms, max ${ms.at(-1)?.toFixed(1)} ms; over Slack's 3 s: ${late}`,
    );
    if (PACE === 'answer') {
      const answers = samples.flatMap((s) => (s.answerMs === null ? [] : [s.answerMs])).sort((a, b) => a - b);
      const missing = samples.filter((s) => s.ok && s.answerMs === null);
      const missingByLabel = new Map<string, number>();
      for (const s of missing) missingByLabel.set(s.label, (missingByLabel.get(s.label) ?? 0) + 1);
      console.log(
        `answer latency (send to the first answer at Slack): p50 ${pct(answers, 50).toFixed(1)} ms, p99 ${pct(answers, 99).toFixed(1)} ms; no answer within ${ANSWER_TIMEOUT_MS / 1000} s: ${missing.length}${missing.length ? ` (${[...missingByLabel].map(([l, c]) => `${l} ${c}`).join(', ')})` : ''}`,
      );
    }
    console.log(
      `errors: ${failures.length} failed requests${failures.length ? ` (first: ${failures.slice(0, 3).join('; ')})` : ''}; ERROR log lines: bot ${bot.errors.length}, worker ${worker.errors.length}; WARN: bot ${bot.warnings}, worker ${worker.warnings}`,
    );
    for (const line of [...bot.errors, ...worker.errors].slice(0, 3)) console.log(`  ${line.slice(0, 300)}`);
    console.log(
      `peak RSS: bot ${botMb.toFixed(0)} MB (${bot.readyMb.toFixed(0)} MB before the load; target < 200: ${botMb < 200 ? 'met' : 'MISSED'}), worker ${workerMb.toFixed(0)} MB (${worker.readyMb.toFixed(0)} before); exit on SIGTERM: bot ${botExit}, worker ${workerExit}`,
    );
    console.log(
      `per request kind (count, p50 / p99 ms): ${[...byLabel]
        .map(([l, v]) => {
          v.sort((a, b) => a - b);
          return `${l} ${v.length}, ${pct(v, 50).toFixed(0)}/${pct(v, 99).toFixed(0)}`;
        })
        .join('; ')}`,
    );
    console.log(
      `after the run: queries ${statuses}; Slack calls (drained in ${drainSeconds.toFixed(1)} s): ${Object.entries(
        calls,
      )
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  } finally {
    await cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
