/**
 * Acknowledgement latency of the Slack app under load: bursts of 50 concurrent signed requests (slash commands
 * and button presses, mixed) against the real Bolt app of `cqms bot` (HTTP mode, MySQL store, Web API on a
 * local fake Slack) and against a bare Bolt app that only acknowledges. Each app runs in its own child process,
 * the fake Slack in a third, the load is generated here. Bursts alternate between the two apps; the next burst
 * goes when the app has finished the work the last one started (its answers posted), so bursts do not pile up.
 * Prints p50 / p99 / max of both and the ratios.
 *
 * With --charts N, each round starts with N `/cqms team` commands from a lead: their answers go out and N chart
 * jobs (6 charts each) are drawn and uploaded: by the bot itself (no REDIS_URL: the in-process queue, the heaviest
 * case for the bot), or with --worker by a `cqms worker` child on a redis-server of the bench's own (as in
 * production). Once the first chart is drawn, bursts follow each other until the round's last chart is posted,
 * so every acknowledgement measured is made while chart jobs are being drawn. It counts the charts drawn during
 * the bursts. The bot is wired as `cqms bot` wires it (metrics on).
 *
 *   npx tsx bench/slack-ack-bench.ts [--rounds 20] [--concurrency 50] [--store mysql|sqlite] [--charts 20 [--worker]]
 *
 * Targets: our p99 < 100 ms, and <= 3x the bare app's p99.
 */
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Desk } from '../core/conversation/desk';
import { encodeAction } from '../core/views/action-id';
import { fixture, form, interaction, signatureHeaders } from '../test/slack/slack-driver';
import { slackMember } from '../test/support/slack-member';
import { testDesk } from '../test/support/test-desk';
import { openTestStore, type StoreKind } from '../test/support/test-stores';
import { freePort, OwnRedis } from '../test/support/redis-server';
import { RemoteFake, startApp } from './ack-bench-processes';
import { renderTimes } from './chart-load';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '50' },
    store: { type: 'string', default: 'mysql' },
    charts: { type: 'string', default: '0' },
    worker: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const ROUNDS = Number(args.rounds);
const CONCURRENCY = Number(args.concurrency);
const CHART_JOBS = Number(args.charts);
const USERS = { client: 'U0ZOE', agents: ['U0ANN', 'U0BEN', 'U0CAL'], lead: 'U0LEE' };
const QUERIES = 300;

const slash = (fake: RemoteFake, user: string, text: string) => ({
  label: `/cqms ${text.split(' ')[0]}`,
  body: form({
    ...fixture<Record<string, string>>('slash-command.json'),
    user_id: user,
    text,
    response_url: fake.responseUrl(),
  }),
});

/** One request of the mix, signed at send time. */
function request(i: number, fake: RemoteFake): { body: string; label: string } {
  const press = (user: string, actionId: string) => {
    const p = fixture('block-actions.json') as Record<string, unknown> & { actions: Record<string, unknown>[] };
    return {
      label: `button ${actionId.split('|')[1]}`,
      body: interaction({
        ...p,
        user: { id: user, team_id: 'T1' },
        response_url: fake.responseUrl(),
        actions: [{ ...p.actions[0], action_id: actionId }],
      }),
    };
  };
  const agent = USERS.agents[i % USERS.agents.length]!;
  const id = 1 + ((i * 7919) % QUERIES);
  switch (i % 10) {
    case 0:
    case 1:
      return slash(fake, agent, 'queue');
    case 2:
      return slash(fake, USERS.client, 'mine');
    case 3:
      return slash(fake, USERS.client, 'help');
    case 4:
      return slash(fake, USERS.client, 'new');
    case 5:
    case 6:
      return press(agent, encodeAction({ kind: 'claim', queryId: id }));
    case 7:
      return press(agent, encodeAction({ kind: 'page', list: 'queue', page: 2, filter: '' }));
    case 8:
      return press(USERS.client, encodeAction({ kind: 'show', queryId: id }));
    default:
      return slash(fake, agent, `show ${id}`);
  }
}

async function send(url: string, body: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`answered ${res.status}`);
  return performance.now() - started;
}

/**
 * Until the app has made no call to Slack for `quietMs` (`answers`: no call but chart uploads): the work after
 * the previous burst is done.
 */
async function quiet(fake: RemoteFake, quietMs = 60, what: 'all' | 'answers' = 'all'): Promise<void> {
  let seen = -1;
  for (;;) {
    const c = await fake.counts();
    const count = what === 'all' ? c.count : c.answering;
    if (count === seen) return;
    seen = count;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

/** The process drawing the charts (the bot, or the worker), and how many of its charts were drawn during bursts. */
let drawer: ChildProcess | null = null;
const drawn = { duringBursts: 0, total: 0, roundsOverlapped: 0 };

/**
 * One burst of CONCURRENCY requests sent at once, after CHART_JOBS analytics commands (acknowledged, their chart
 * jobs started); the latencies, then a wait until the app is done.
 */
async function burst(url: string, fake: RemoteFake, round: number, ours: boolean): Promise<number[]> {
  const charting = CHART_JOBS > 0 && ours;
  const before = charting ? (await renderTimes(drawer!)).length : 0;
  const uploadsBefore = charting ? (await fake.counts()).uploadsAt.length : 0;
  if (charting)
    await Promise.all(Array.from({ length: CHART_JOBS }, () => send(url, slash(fake, USERS.lead, 'team').body)));
  // The burst goes once the jobs are drawing (their first chart is done, the other charts are to come).
  while (charting && (await renderTimes(drawer!)).length === before) await new Promise((r) => setTimeout(r, 10));
  const ms: number[] = [];
  const bursts: [number, number][] = [];
  let k = 0;
  // Without charts, one burst. With them, bursts follow each other (each once the last one's answers are out)
  // until every chart job of the round has posted its images: every acknowledgement measured is one made while
  // chart jobs are being drawn.
  do {
    const start = Date.now();
    ms.push(
      ...(await Promise.all(
        Array.from({ length: CONCURRENCY }, () => send(url, request(round * CONCURRENCY + k++ + 1000, fake).body)),
      )),
    );
    bursts.push([start, Date.now()]);
    if (charting) await quiet(fake, 60, 'answers');
  } while (charting && (await fake.counts()).uploadsAt.length < uploadsBefore + CHART_JOBS);
  await quiet(fake);
  if (charting) {
    const times = (await renderTimes(drawer!)).slice(before);
    const during = times.filter((t) => bursts.some(([s, e]) => t >= s && t <= e)).length;
    drawn.total += times.length;
    drawn.duringBursts += during;
    if (during > 0) drawn.roundsOverlapped++;
  }
  return ms;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main(): Promise<void> {
  const fake = await RemoteFake.start();
  const store = await openTestStore(args.store as StoreKind);
  try {
    const deps = testDesk(store.store);
    const desk = new Desk(deps);
    await slackMember(deps, 'client', 'zoe', USERS.client);
    await slackMember(deps, 'lead', 'lee', USERS.lead);
    for (const [i, id] of USERS.agents.entries()) await slackMember(deps, 'agent', `agent${i}`, id);
    const zoe = await desk.conversation({ platform: 'slack', workspaceId: 'T1', platformUserId: USERS.client });
    for (let i = 0; i < QUERIES; i++)
      await desk.run(zoe, 'new', { category: 'Bug Report', heading: `bench query ${i}`, description: 'load' });

    const redis = args.worker ? new OwnRedis(await freePort()) : null;
    await redis?.start();
    const env = { SLACK_API_URL: fake.apiUrl, DATABASE_URL: store.url, ...(redis ? { REDIS_URL: redis.url } : {}) };
    const apps = { bare: await startApp('bare', env), ours: await startApp('ours', env) };
    const worker = redis ? await startApp('worker', env) : null;
    drawer = worker?.proc ?? apps.ours.proc;
    const bare: number[] = [];
    const ours: number[] = [];
    try {
      // Bursts alternate between the two apps, so both see the same machine (other load drifts over a run).
      for (let round = -2; round < ROUNDS; round++) {
        const b = await burst(apps.bare.url, fake, round, false);
        const o = await burst(apps.ours.url, fake, round, true);
        if (round >= 0) {
          bare.push(...b);
          ours.push(...o);
        }
      }
    } finally {
      await apps.bare.stop();
      await apps.ours.stop();
      await worker?.stop();
      await redis?.kill();
    }
    bare.sort((a, b) => a - b);
    ours.sort((a, b) => a - b);
    const row = (name: string, s: number[]) =>
      `${name.padEnd(28)}${pct(s, 50).toFixed(1).padStart(8)}${pct(s, 99).toFixed(1).padStart(8)}${s.at(-1)!.toFixed(1).padStart(8)}`;
    const p99 = pct(ours, 99);
    const ratio = p99 / pct(bare, 99);
    console.log(
      `Slack acknowledgement latency: ${CONCURRENCY} concurrent signed requests x ${ROUNDS} rounds after 2 warm-up rounds (${ours.length} acknowledgements of ours, ${bare.length} of the bare app)`,
    );
    console.log(
      `mix: /cqms queue, mine, help, new (modal), show; Claim, Show and paging buttons; store ${store.store.dialect}, ${QUERIES} queries; Node ${process.version}`,
    );
    if (CHART_JOBS) {
      const where = redis
        ? 'by a cqms worker process (BullMQ on its own redis-server)'
        : "in the bot's process (no Redis)";
      console.log(
        `each of our bursts sent right after ${CHART_JOBS} /cqms team commands, whose chart jobs (6 charts each) were drawn ${where}:`,
      );
      console.log(
        `${drawn.duringBursts} of ${drawn.total} charts were drawn while a burst was being acknowledged, in ${drawn.roundsOverlapped} of ${ROUNDS + 2} rounds`,
      );
    }
    console.log(`${''.padEnd(28)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'max ms'.padStart(8)}`);
    console.log(row('bare Bolt app (ack only)', bare));
    console.log(row('cqms bot (Slack, HTTP)', ours));
    console.log(`ratio ours/bare: p50 ${(pct(ours, 50) / pct(bare, 50)).toFixed(2)}x, p99 ${ratio.toFixed(2)}x`);
    console.log(
      `targets: p99 < 100 ms ${p99 < 100 ? 'met' : 'MISSED'}; p99 <= 3x bare ${ratio <= 3 ? 'met' : 'MISSED'}`,
    );
    const seen = await fake.counts();
    console.log(
      `our app's work, all done between bursts: ${seen.responses} answers on response_urls, ${seen.api} Web API calls (modals, cards, DMs, App Home), ${seen.uploadsAt.length} chart uploads`,
    );
  } finally {
    await store.dispose();
    await fake.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
