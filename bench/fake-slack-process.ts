/**
 * test/slack/fake-slack.ts in a child process of its own, so its work never delays the load generator's clock.
 * The child keeps counts of what the app called, not the calls themselves: a long run would otherwise hold every
 * request body in memory.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { FakeSlack, type RecordedCall } from '../test/slack/fake-slack';

const CHILD_FLAG = '--fake-slack-child';

export type CallCounts = Record<string, number>;

/**
 * Whom a call answers, as keys the load generator registered: `r:<response path>` for a response_url post,
 * `t:<trigger_id>` for a modal opened, `u:<user id>` for a message addressed to a user (ephemeral or DM).
 * App Home refreshes and card updates answer nobody in particular.
 */
function answerKeys(c: RecordedCall): string[] {
  if (c.kind === 'response') return [`r:${c.method}`];
  if (c.kind !== 'api') return [];
  const b = c.body;
  if (c.method === 'views.open' && typeof b.trigger_id === 'string') return [`t:${b.trigger_id}`];
  if (c.method === 'chat.postEphemeral' && typeof b.user === 'string') return [`u:${b.user}`];
  const dm = typeof b.channel === 'string' ? b.channel : typeof b.channel_id === 'string' ? b.channel_id : '';
  if ((c.method === 'chat.postMessage' || c.method === 'files.completeUploadExternal') && dm.startsWith('D'))
    return [`u:${dm.slice(1)}`];
  return [];
}

export class RemoteFakeSlack {
  private onAnswer: (key: string) => void = () => undefined;
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
    const remote = new RemoteFakeSlack(proc, ready.url, ready.botToken);
    proc.on('message', (m) => {
      if (typeof m === 'object' && m !== null && 'answered' in m)
        for (const k of (m as { answered: string[] }).answered) remote.onAnswer(k);
    });
    return remote;
  }

  /** Called with each answer key (see answerKeys) as the app's calls arrive. */
  onAnswered(fn: (key: string) => void): void {
    this.onAnswer = fn;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** Calls so far by Web API method (`chat.postMessage`), plus `response`, `upload` and `file` for the other kinds. */
  counts(): Promise<CallCounts> {
    return new Promise((resolve) => {
      const take = (m: unknown) => {
        if (typeof m === 'object' && m !== null && 'answered' in m) return;
        this.proc.off('message', take);
        resolve(m as CallCounts);
      };
      this.proc.on('message', take);
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
  // Tell the load generator at once whom each call answers (it paces its users on their answers).
  const push = fake.calls.push.bind(fake.calls);
  fake.calls.push = (...calls: RecordedCall[]) => {
    const answered = calls.flatMap(answerKeys);
    if (answered.length) process.send!({ answered });
    return push(...calls);
  };
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
