/**
 * The processes of bench/slack-ack-bench.ts, each in its own child so that no app's work delays the load
 * generator's clock: the app under test (`cqms bot`'s Slack platform, or a bare Bolt app that only acknowledges),
 * the fake Slack Web API, and the `cqms worker` drawing charts (bench/chart-load.ts). The load generator starts
 * them with startApp and RemoteFake.start; run as a child, this file starts the one its arguments name.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { App, LogLevel } from '@slack/bolt';
import { Metrics } from '../adapters/observability/metrics';
import { startBot } from '../bot/bot-process';
import { readEnvironment } from '../bot/environment';
import { SlackPlatform, slackSettings } from '../bot/slack-wiring';
import { FakeSlack } from '../test/slack/fake-slack';
import { SIGNING_SECRET } from '../test/slack/slack-driver';
import { recordingRenderer, workerChild } from './chart-load';

export interface Ready {
  url: string;
}

/** In a child: one app, started against the parent's fake Slack; reports its URL, stops on 'stop'. */
async function child(mode: 'ours' | 'bare'): Promise<void> {
  const quiet = {
    info: () => undefined,
    warn: () => undefined,
    error: (m: string, e?: unknown) => process.stderr.write(`${m} ${String(e)}\n`),
  };
  const apiUrl = process.env.SLACK_API_URL!;
  let stop: () => Promise<unknown>;
  if (mode === 'bare') {
    const app = new App({
      token: 'xoxb-test',
      signingSecret: SIGNING_SECRET,
      clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    app.command('/cqms', async ({ ack }) => ack());
    app.action(/.*/, async ({ ack }) => ack());
    // Events are acknowledged by Bolt itself; a listener that does nothing, as the bot's first step is one.
    app.message(async () => undefined);
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    const port = (server.address() as { port: number }).port;
    process.send!({ url: `http://127.0.0.1:${port}/slack/events` } satisfies Ready);
    stop = () => app.stop();
  } else {
    const env = readEnvironment({
      ...process.env,
      PORT: '0',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SUPPORT_CHANNEL: 'C0SUPPORT',
    });
    // Wired as `cqms bot` is: metrics recorded and served (the metered desk is the one production runs).
    const metrics = new Metrics();
    const slack = new SlackPlatform(slackSettings(env)!, {
      log: quiet,
      host: '127.0.0.1',
      metrics,
      clientOptions: { retryConfig: { retries: 0 }, timeout: 5000 },
    });
    const bot = await startBot(env, {
      log: quiet,
      platforms: [slack],
      ops: { port: 0, metrics },
      ...(env.REDIS_URL ? {} : { charts: recordingRenderer() }),
    });
    process.send!({ url: slack.eventsUrl! } satisfies Ready);
    stop = () => bot.stop();
  }
  process.on('message', (m) => {
    if (m === 'stop') void stop().then(() => process.exit(0));
  });
}

/** In a child: the fake Slack Web API, so its work never delays the load generator's clock. */
async function fakeChild(): Promise<void> {
  const fake = await FakeSlack.start();
  process.send!({ url: fake.url });
  process.on('message', (m) => {
    if (m === 'count') {
      const uploads = fake.api('files.completeUploadExternal');
      const chartCall = (c: (typeof fake.calls)[number]) =>
        c.kind === 'upload' || (c.kind === 'api' && c.method.startsWith('files.'));
      process.send!({
        count: fake.calls.length,
        answering: fake.calls.filter((c) => !chartCall(c)).length,
        responses: fake.of('response').length,
        api: fake.calls.filter((c) => c.kind === 'api').length,
        uploadsAt: uploads.map((u) => u.at),
      } satisfies Counts);
    }
    if (m === 'stop') void fake.close().then(() => process.exit(0));
  });
}

export interface Counts {
  count: number;
  /** Calls other than chart uploads: the answers to the requests. */
  answering: number;
  responses: number;
  api: number;
  /** When each chart upload completed (epoch ms). */
  uploadsAt: number[];
}

/** The fake Slack in its child process, seen from here. */
export class RemoteFake {
  private seq = 0;
  private constructor(
    private readonly proc: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<RemoteFake> {
    const proc = fork(__filename, ['fake'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const { url } = await new Promise<{ url: string }>((r) => proc.once('message', (m) => r(m as { url: string })));
    return new RemoteFake(proc, url);
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(): string {
    return `${this.url}/response/${++this.seq}`;
  }

  counts(): Promise<Counts> {
    return new Promise((r) => {
      this.proc.once('message', (m) => r(m as Counts));
      this.proc.send('count');
    });
  }

  async stop(): Promise<void> {
    this.proc.send('stop');
    await new Promise((r) => this.proc.once('exit', r));
  }
}

export interface AppProcess {
  url: string;
  stop(): Promise<void>;
}

export async function startApp(
  mode: 'ours' | 'bare' | 'worker',
  env: NodeJS.ProcessEnv,
): Promise<AppProcess & { proc: ChildProcess }> {
  const proc: ChildProcess = fork(__filename, ['child', mode], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as Ready));
    proc.once('exit', (code) => reject(new Error(`${mode} app exited with ${code}`)));
  });
  return {
    url: ready.url,
    proc,
    async stop() {
      proc.send('stop');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

if (require.main === module) {
  if (process.argv[2] === 'child' && process.argv[3] === 'worker') void workerChild();
  else if (process.argv[2] === 'child') void child(process.argv[3] === 'bare' ? 'bare' : 'ours');
  else if (process.argv[2] === 'fake') void fakeChild();
}
