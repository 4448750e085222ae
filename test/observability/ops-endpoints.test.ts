import { Metrics } from '../../adapters/observability/metrics';
import type { SequelizeStore } from '../../adapters/storage/sequelize-store';
import { startBot } from '../../bot/bot-process';
import { buildDesk } from '../../bot/desk-wiring';
import { readEnvironment } from '../../bot/environment';
import { startOps } from '../../bot/ops-wiring';
import { SlackPlatform, slackSettings } from '../../bot/slack-wiring';
import { startWorker, type WorkerHandle } from '../../bot/worker-process';
import { createQuery } from '../../core/queries/create-query';
import { encodeAction } from '../../core/views/action-id';
import { SUPPORT_CHANNEL } from '../discord/discord-ids';
import { startDiscordHarness, type DiscordHarness } from '../discord/discord-harness';
import { FakeSlack } from '../slack/fake-slack';
import { fixture } from '../slack/slack-driver';
import { startSlackHarness, type SlackHarness } from '../slack/slack-harness';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore } from '../support/test-stores';
import { capturedLog } from './log-capture';
import { freePort } from '../support/redis-server';
import { ownMysqlAndRedis, quietLog } from '../support/worker-env';

async function get(
  base: string,
  path: string,
): Promise<{ status: number; text: string; json: () => Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`);
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

/** The value of one sample in Prometheus text, e.g. sample(text, 'cqms_commands_total{command="help",outcome="ok"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health and metrics on the Slack HTTP server (MySQL)', () => {
  let h: SlackHarness;
  let base: string;
  const metrics = new Metrics();

  beforeAll(async () => {
    h = await startSlackHarness('mysql', { metrics });
    await h.member('agent', 'ann', 'U0ANN');
    base = new URL(h.slack.eventsUrl!).origin;
  });
  afterAll(() => h?.close());

  it('answers /healthz, /readyz, /metrics beside /slack/events, and /readyz names the database when it is gone', async () => {
    const { driver, fake } = h;
    expect((await get(base, '/healthz')).status).toBe(200);
    const ready = await get(base, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok' } });

    await driver.slash('U0ANN', 'help');
    const missing = await driver.press('U0ANN', encodeAction({ kind: 'claim', queryId: 999 }));
    await fake.waitFor(
      () => fake.of('response').some((c) => c.method === new URL(missing.responseUrl).pathname),
      'the refused claim',
    );
    const text = (await get(base, '/metrics')).text;
    expect(sample(text, 'cqms_ack_latency_seconds_count{platform="slack",surface="slash_command"}')).toBe(1);
    expect(sample(text, 'cqms_ack_latency_seconds_count{platform="slack",surface="button"}')).toBe(1);
    expect(sample(text, 'cqms_commands_total{command="help",outcome="ok"}')).toBe(1);
    expect(sample(text, 'cqms_commands_total{command="claim",outcome="not_found"}')).toBe(1);
    expect(sample(text, 'cqms_outbox_backlog')).toBe(0);
    expect(sample(text, 'cqms_sla_alerts{level="breach"}')).toBe(0);
    expect(text).toMatch(/^cqms_process_resident_memory_bytes \d+/m);

    // The database goes away: /readyz says so, by name; the process itself is still healthy.
    const store = h.bot.runtime.deps.store as SequelizeStore;
    await store.sequelize.close();
    const down = await get(base, '/readyz');
    expect(down.status).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', failed: ['database'] });
    expect((await get(base, '/healthz')).status).toBe(200);
  });
});

describe('health and metrics on the bot server of its own, with Discord only (MySQL)', () => {
  let h: DiscordHarness;
  const metrics = new Metrics();
  const ANN = { id: '1200000000000000002', username: 'ann' };

  beforeAll(async () => {
    h = await startDiscordHarness('mysql', { metrics });
    await h.member('agent', 'ann', ANN);
  });
  afterAll(() => h?.close());

  it('records Discord acknowledgements and commands', async () => {
    const base = h.bot.ops!.url!;
    expect((await get(base, '/healthz')).status).toBe(200);
    expect((await get(base, '/readyz')).status).toBe(200);
    await h.driver.callback(h.driver.slash(ANN, 'queue'));
    await h.driver.callback(
      h.driver.press(ANN, encodeAction({ kind: 'claim', queryId: 999 }), { channelId: SUPPORT_CHANNEL }),
    );
    const text = (await get(base, '/metrics')).text;
    expect(sample(text, 'cqms_ack_latency_seconds_count{platform="discord",surface="slash_command"}')).toBe(1);
    expect(sample(text, 'cqms_ack_latency_seconds_count{platform="discord",surface="button"}')).toBe(1);
    expect(sample(text, 'cqms_commands_total{command="queue",outcome="ok"}')).toBe(1);
    expect(sample(text, 'cqms_commands_total{command="claim",outcome="not_found"}')).toBe(1);
    expect((await get(base, '/nowhere')).status).toBe(404);
  });
});

describe('health and metrics on the worker port (MySQL and a Redis of its own)', () => {
  const own = ownMysqlAndRedis();
  let worker: WorkerHandle | undefined;
  // Before the suite's own Redis and database go (their afterAll was declared first, so it runs first).
  afterEach(() => worker?.stop());

  it('serves the same endpoints: readiness of the database and Redis, queue depth, job durations', async () => {
    // A query raised 5 hours ago (an injected clock): the first sweep records its warning and its breach.
    const deps = testDesk(own.store().store);
    deps.clock.set(new Date(Date.now() - 5 * 3_600_000));
    await createQuery(deps, await makeActor(deps, 'client', 'zoe'), {
      category: 'Bug Report',
      heading: 'late',
      description: 'd',
    });
    const env = readEnvironment({ DATABASE_URL: own.store().url, REDIS_URL: own.redis().url });
    worker = await startWorker(env, {
      log: quietLog,
      platforms: [],
      slaSweepEveryMs: 100,
      ops: { port: 0, host: '127.0.0.1' },
    });
    const base = worker.ops!.url!;
    expect((await get(base, '/healthz')).status).toBe(200);
    const ready = await get(base, '/readyz');
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });

    // The scheduled SLA sweep runs as a job (its duration recorded by name) and records both levels; the new
    // query's notifications ran as notify jobs.
    const sweeps = 'cqms_job_duration_seconds_count{queue="cqms-jobs",job="slaSweep",outcome="ok"}';
    const breaches = 'cqms_sla_alerts{level="breach"}';
    const notified = 'cqms_job_duration_seconds_count{queue="cqms-jobs",job="notify",outcome="ok"}';
    let text = '';
    const settled = () =>
      [sweeps, breaches, notified].every((series) => Number(sample(text, series)) > 0) &&
      sample(text, 'cqms_outbox_backlog') === 0;
    for (let i = 0; i < 100 && !settled(); i++) {
      await new Promise((r) => setTimeout(r, 100));
      text = (await get(base, '/metrics')).text;
    }
    expect(sample(text, sweeps)).toBeGreaterThan(0);
    expect(sample(text, breaches)).toBe(1);
    expect(sample(text, 'cqms_sla_alerts{level="warning"}')).toBe(1);
    expect(sample(text, notified)).toBeGreaterThan(0);
    for (const state of ['waiting', 'active', 'delayed', 'failed'])
      expect(sample(text, `cqms_queue_jobs{queue="cqms-jobs",state="${state}"}`)).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'cqms_outbox_backlog')).toBe(0); // the alerts' notifications were relayed too
  }, 30_000);

  it('/readyz names Redis when it does not answer (a desk pointed at a closed port)', async () => {
    const env = readEnvironment({ DATABASE_URL: own.store().url, REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    const runtime = await buildDesk(env);
    const ops = await startOps(env, new Metrics(), { port: 0, host: '127.0.0.1' });
    try {
      expect((await get(ops.url!, '/readyz')).json()).toMatchObject({ status: 'starting' });
      await ops.attach(runtime);
      // This desk relays nothing: a new query's notifications wait in the outbox.
      await createQuery(runtime.deps, await makeActor(runtime.deps, 'client', 'amy'), {
        category: 'Bug Report',
        heading: 'waits',
        description: 'd',
      });
      expect(sample((await get(ops.url!, '/metrics')).text, 'cqms_outbox_backlog')).toBeGreaterThan(0);
      const down = await get(ops.url!, '/readyz');
      expect(down.status).toBe(503);
      expect(down.json()).toMatchObject({ status: 'unavailable', failed: ['redis'], checks: { database: 'ok' } });
      // Metrics still answer; the queue depth that could not be read counts a scrape error (shown from the next scrape).
      expect((await get(ops.url!, '/metrics')).status).toBe(200);
      expect(
        sample((await get(ops.url!, '/metrics')).text, 'cqms_metrics_scrape_errors_total{source="queue:cqms-jobs"}'),
      ).toBeGreaterThanOrEqual(1);
      ops.drain();
      expect((await get(ops.url!, '/readyz')).json()).toMatchObject({ status: 'stopping' });
    } finally {
      await ops.close();
      await runtime.close();
    }
  });
});

describe('Slack in Socket Mode (MySQL): no HTTP server of its own, so the bot serves the endpoints', () => {
  it('serves them on PORT and ties each envelope to its trigger id', async () => {
    const fake = await FakeSlack.start();
    const store = await openTestStore('mysql');
    const env = {
      DATABASE_URL: store.url,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_APP_TOKEN: 'xapp-1-A0CQMS-1-0123456789abcdef',
      SLACK_API_URL: fake.apiUrl,
      SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
    };
    const capture = capturedLog(env);
    const metrics = new Metrics();
    const slack = new SlackPlatform(slackSettings(readEnvironment(env))!, {
      log: capture.log,
      clientOptions: { retryConfig: { retries: 0 } },
      metrics,
    });
    const bot = await startBot(readEnvironment(env), {
      log: capture.log,
      platforms: [slack],
      ops: { port: 0, host: '127.0.0.1', metrics },
    });
    try {
      const base = bot.ops!.url!;
      expect((await get(base, '/readyz')).status).toBe(200);
      const responseUrl = fake.responseUrl();
      await fake.envelope('slash_commands', {
        ...fixture<Record<string, string>>('slash-command.json'),
        text: 'whoami',
        trigger_id: 'T-socket-1',
        response_url: responseUrl,
      });
      await fake.waitFor(
        () => fake.of('response').find((c) => c.method === new URL(responseUrl).pathname),
        'the whoami reply',
      );
      expect(sample((await get(base, '/metrics')).text, 'cqms_commands_total{command="whoami",outcome="ok"}')).toBe(1);
      expect(
        sample(
          (await get(base, '/metrics')).text,
          'cqms_ack_latency_seconds_count{platform="slack",surface="slash_command"}',
        ),
      ).toBe(1);
      expect(capture.records().find((r) => r.msg.startsWith('slack slash_command acknowledged'))).toMatchObject({
        requestId: 'T-socket-1',
      });
      expect(capture.text()).not.toContain('0123456789abcdef');
    } finally {
      await bot.stop();
      await store.dispose();
      await fake.close();
    }
  });
});
