/**
 * test/slack/fake-slack.ts in a child process of its own, so its work never delays the load generator's clock.
 * The child keeps counts of what the app called, not the calls themselves: a long run would otherwise hold every
 * request body in memory.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { FakeSlack } from '../test/slack/fake-slack';

const CHILD_FLAG = '--fake-slack-child';

export type CallCounts = Record<string, number>;

export class RemoteFakeSlack {
  private seq = 0;
  private constructor(
    private readonly proc: ChildProcess,
    readonly url: string,
    readonly botToken: string,
  ) {}

  static async start(): Promise<RemoteFakeSlack> {
    const proc = fork(__filename, [CHILD_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await new Promise<{ url: string; botToken: string }>((resolve, reject) => {
      proc.once('message', (m) => resolve(m as { url: string; botToken: string }));
      proc.once('exit', (code) => reject(new Error(`the fake Slack exited with ${code}`)));
    });
    return new RemoteFakeSlack(proc, ready.url, ready.botToken);
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A new response_url for one interaction. */
  responseUrl(): string {
    return `${this.url}/response/${++this.seq}`;
  }

  /** Calls so far by Web API method (`chat.postMessage`), plus `response`, `upload` and `file` for the other kinds. */
  counts(): Promise<CallCounts> {
    return new Promise((resolve) => {
      this.proc.once('message', (m) => resolve(m as CallCounts));
      this.proc.send('count');
    });
  }

  async stop(): Promise<void> {
    this.proc.send('stop');
    await new Promise((r) => this.proc.once('exit', r));
  }
}

async function child(): Promise<void> {
  const fake = await FakeSlack.start();
  const counts: CallCounts = {};
  const tally = () => {
    for (const c of fake.calls.splice(0)) {
      const key = c.kind === 'api' ? c.method : c.kind;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  };
  setInterval(tally, 500).unref();
  process.send!({ url: fake.url, botToken: fake.botToken });
  process.on('message', (m) => {
    tally();
    if (m === 'count') process.send!(counts);
    if (m === 'stop') void fake.close().then(() => process.exit(0));
  });
}

if (process.argv[2] === CHILD_FLAG) void child();
