import type { Refusal } from './slack-refusal';

/** A payload or interaction the fake refused as Slack would. */
export interface Violation extends Refusal {
  method: string;
}

/**
 * The refusals a fake gave and those the test said it expects. A refusal nobody expected is a bug in the app:
 * `drain()` lists it (after each test, and at the fake's close()), and the test fails with it.
 */
export class RefusalLog {
  readonly all: Violation[] = [];
  /** Logs of fakes not closed yet: each test checks them all when it ends. */
  static readonly live = new Set<RefusalLog>();
  private pending: Violation[] = [];
  private expected: { error: string; method?: string }[] = [];

  constructor() {
    RefusalLog.live.add(this);
  }

  /** The fake closed: throws what is left unexpected, and this log is no longer checked after each test. */
  retire(): void {
    RefusalLog.live.delete(this);
    failOnRefusals(this.drain());
  }

  record(v: Violation): void {
    this.all.push(v);
    this.pending.push(v);
  }

  /** The test provokes one refusal with this error (of this method, if given). */
  expect(error: string, method?: string): void {
    this.expected.push({ error, ...(method ? { method } : {}) });
  }

  /** Refusals since the last drain that no expectation covers, and expectations no refusal met; then starts afresh. */
  drain(): string[] {
    const open = this.expected;
    const out: string[] = [];
    for (const v of this.pending) {
      const i = open.findIndex((e) => e.error === v.error && (!e.method || e.method === v.method));
      if (i >= 0) open.splice(i, 1);
      else out.push(`${v.method} refused with ${v.error}${v.messages.length ? `: ${v.messages.join('; ')}` : ''}`);
    }
    for (const e of open) out.push(`expected ${e.method ?? 'a call'} to be refused with ${e.error}, and it was not`);
    this.pending = [];
    this.expected = [];
    return out;
  }
}

function failOnRefusals(unexpected: string[]): void {
  if (unexpected.length) throw new Error(`Slack would have refused what the app sent:\n- ${unexpected.join('\n- ')}`);
}

// The test during which the app sent what Slack refuses fails (a fake's close() catches what comes later).
if (typeof afterEach === 'function') afterEach(() => failOnRefusals([...RefusalLog.live].flatMap((l) => l.drain())));
