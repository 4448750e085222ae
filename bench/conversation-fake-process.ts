/**
 * The fake Slack of bench/relay-latency-bench.ts in a child process of its own: test/slack/fake-slack.ts answering
 * the apps' Web API calls, and test/slack/slack-events.ts sending the clients' DMs as signed `message.im` events.
 * Both ends of a relay are timed here, on one clock: when a DM's event is sent, and when the bot's copy of it is
 * posted into a support thread (seen on the fake's message ledger). The bot's own messages are echoed back to it,
 * as Slack does in every channel the app is in.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { FakeSlack } from '../test/slack/fake-slack';
import { SlackEvents } from '../test/slack/slack-events';

const CHILD_FLAG = '--conversation-fake-child';

/** What a bench message carries in its text, so that its copy is known wherever it lands. */
export const relayTag = (round: string, client: number, message: number) => `relay-${round}-c${client}-m${message}`;
const TAG = /relay-\w+-c\d+-m\d+/;

/** One DM sent: when (epoch ms, this child's clock) and how the app answered the event. */
export interface Sent {
  sentAt: number;
  ackMs: number;
  status: number;
}

export interface Arrivals {
  /** Tag -> when its copy was posted in a support thread (epoch ms). */
  at: Record<string, number>;
  /** Copies posted a second time for a tag already seen. */
  twice: number;
}

type Request =
  | { op: 'say'; url: string; user: string; channel: string; text: string; threadTs: string }
  | { op: 'topLevel'; channel: string }
  | { op: 'arrivals' }
  | { op: 'echoed' };

const epochMs = () => performance.timeOrigin + performance.now();

async function child(): Promise<void> {
  const fake = await FakeSlack.start();
  const support = process.argv[3]!;
  const arrivals: Arrivals = { at: {}, twice: 0 };
  fake.messages.onChange((c) => {
    if (c.kind !== 'posted' || c.message.channel !== support || c.message.threadTs === null) return;
    const tag = TAG.exec(JSON.stringify(c.message.blocks ?? c.message.text))?.[0];
    if (!tag) return;
    if (tag in arrivals.at) arrivals.twice++;
    else arrivals.at[tag] = epochMs();
  });
  // The calls themselves are not needed here; dropping them keeps the fake's memory flat over a long run.
  setInterval(() => fake.calls.splice(0), 1_000).unref();
  const senders = new Map<string, SlackEvents>();
  const senderTo = (url: string) => {
    let s = senders.get(url);
    if (!s) senders.set(url, (s = new SlackEvents(url, fake)));
    return s;
  };
  let echoTo: SlackEvents | null = null;
  const answer = async (r: Request): Promise<unknown> => {
    switch (r.op) {
      case 'say': {
        const sentAt = epochMs();
        const { answer } = await senderTo(r.url).say(r.user, r.channel, r.text, { threadTs: r.threadTs });
        return { sentAt, ackMs: answer.ms, status: answer.status } satisfies Sent;
      }
      case 'topLevel':
        return fake.messages.topLevel(r.channel).map((m) => ({ ts: m.ts, text: m.text }));
      case 'arrivals':
        return arrivals;
      case 'echoed':
        return echoTo ? echoTo.echoed() : 0;
    }
  };
  process.on('message', (m: { id: number; request: Request } | { echoTo: string } | 'stop') => {
    if (m === 'stop') {
      void fake.close().then(
        () => process.exit(0),
        (e: unknown) => (console.error(e), process.exit(1)),
      );
    } else if ('echoTo' in m) {
      echoTo = senderTo(m.echoTo);
      echoTo.echoBotMessages();
    } else {
      answer(m.request).then(
        (result) => process.send!({ id: m.id, result }),
        (e: unknown) => process.send!({ id: m.id, error: String(e) }),
      );
    }
  });
  process.send!({ id: 0, result: fake.url });
}

/** The fake in its child, seen from the load generator. */
export class RemoteConversationFake {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly proc: ChildProcess,
    readonly url: string,
  ) {
    proc.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error !== undefined) w?.reject(new Error(m.error));
      else w?.resolve(m.result);
    });
  }

  static async start(supportChannel: string): Promise<RemoteConversationFake> {
    const proc = fork(__filename, [CHILD_FLAG, supportChannel], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const url = await new Promise<string>((resolve, reject) => {
      proc.once('message', (m) => resolve((m as { result: string }).result));
      proc.once('exit', (code) => reject(new Error(`the fake Slack exited with ${code}`)));
    });
    return new RemoteConversationFake(proc, url);
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  private ask<T>(request: Request): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.proc.send({ id, request });
    });
  }

  /** From now on the bot at `eventsUrl` gets its own messages back as events. */
  echoTo(eventsUrl: string): void {
    this.proc.send({ echoTo: eventsUrl });
  }

  /** A user writes in a thread of a DM: the message is kept by the fake, then its event sent to `url`. */
  say(url: string, user: string, channel: string, text: string, threadTs: string): Promise<Sent> {
    return this.ask({ op: 'say', url, user, channel, text, threadTs });
  }

  topLevel(channel: string): Promise<{ ts: string; text: string }[]> {
    return this.ask({ op: 'topLevel', channel });
  }

  arrivals(): Promise<Arrivals> {
    return this.ask({ op: 'arrivals' });
  }

  /** Waits for the echoes sent so far to be answered (a non-200 answer throws); how many there were. */
  echoed(): Promise<number> {
    return this.ask({ op: 'echoed' });
  }

  async stop(): Promise<void> {
    const exited = new Promise<number | null>((r) => this.proc.once('exit', r));
    this.proc.send('stop');
    if ((await exited) !== 0) throw new Error('the fake Slack refused some of what the apps sent (see above)');
  }
}

if (process.argv[2] === CHILD_FLAG) void child();
