import { WorkLine } from './work-line';

/** A job that runs until released; `started` lists the names in the order they began. */
function gate() {
  const started: string[] = [];
  const releases: (() => void)[] = [];
  const job = (name: string) => () => {
    started.push(name);
    return new Promise<void>((r) => releases.push(r));
  };
  const releaseAll = async () => {
    while (releases.length) releases.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { started, job, releaseAll };
}

const acks = () => {
  const said: string[] = [];
  return { said, ack: (name: string) => async (busy: boolean) => void said.push(`${name}:${busy ? 'busy' : 'ok'}`) };
};

const turn = () => new Promise((r) => setImmediate(r));

describe('work after acknowledgements', () => {
  it('runs at most `concurrency` at a time, urgent work first, and close() waits for all of it', async () => {
    const work = new WorkLine({ concurrency: 2 });
    const order: string[] = [];
    let running = 0;
    let peak = 0;
    const job = (name: string) => async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(name);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    };
    const failures: unknown[] = [];
    const ok = async () => undefined;
    for (const n of ['a', 'b', 'c', 'd']) void work.admit(ok, job(n), (e) => failures.push(e));
    void work.admit(ok, job('modal'), (e) => failures.push(e), { urgent: true });
    void work.admit(
      ok,
      () => Promise.reject(new Error('boom')),
      (e) => failures.push(e),
    );
    await work.close();
    expect(peak).toBe(2);
    // a and b had taken the two slots; the urgent one goes before those still waiting.
    expect(order).toEqual(['a', 'b', 'modal', 'c', 'd']);
    expect(failures).toEqual([new Error('boom')]);
    expect(work.later(job('late'), () => undefined)).toBe(false);
    expect(order).not.toContain('late');
  });

  it('never starts work before its acknowledgement went out, nor at all when that failed', async () => {
    const work = new WorkLine({ concurrency: 1, maxWaiting: 1 });
    const g = gate();
    let sendAck!: () => void;
    const slowAck = () => new Promise<void>((r) => (sendAck = r));
    const first = work.admit(slowAck, g.job('first'), () => undefined);
    for (let i = 0; i < 3; i++) await turn();
    expect(g.started).toEqual([]);
    sendAck();
    await turn();
    await turn();
    expect(g.started).toEqual(['first']);
    await g.releaseAll();
    await expect(first).resolves.toBe(true);
    // A failed acknowledgement gives its place back: the next request is taken.
    await expect(
      work.admit(
        () => Promise.reject(new Error('socket closed')),
        g.job('unacked'),
        () => undefined,
      ),
    ).rejects.toThrow('socket closed');
    const { said, ack } = acks();
    const next = work.admit(ack('next'), g.job('next'), () => undefined);
    await turn();
    await turn();
    expect(said).toEqual(['next:ok']);
    await g.releaseAll();
    await next;
    expect(g.started).toEqual(['first', 'next']);
  });

  it('refuses requests past the bound, acknowledging them busy and running nothing, and takes them again once the line drains', async () => {
    const warnings: string[] = [];
    const work = new WorkLine({ concurrency: 1, maxWaiting: 2, warn: (l) => warnings.push(l) });
    const g = gate();
    const { said, ack } = acks();
    const admitted: Promise<boolean>[] = [];
    // One runs; two wait; the line is then full.
    admitted.push(work.admit(ack('a'), g.job('a'), () => undefined));
    await turn();
    await turn();
    for (const n of ['b', 'c']) admitted.push(work.admit(ack(n), g.job(n), () => undefined));
    const refused = ['d', 'e', 'f'].map((n) => work.admit(ack(n), g.job(n), () => undefined));
    await expect(Promise.all(refused)).resolves.toEqual([false, false, false]);
    expect(work.later(g.job('home'), () => undefined)).toBe(false);
    expect(work.now(g.job('submit'), () => undefined)).toBeNull();
    expect(said).toEqual(['a:ok', 'b:ok', 'c:ok', 'd:busy', 'e:busy', 'f:busy']);
    // Once a burst: not once a request.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/overloaded \(2 requests waiting\)/);

    // Draining: a finishes, b starts, one place is free again.
    await g.releaseAll();
    await turn();
    expect(g.started).toEqual(['a', 'b']);
    admitted.push(work.admit(ack('g'), g.job('g'), () => undefined));
    // Still a burst while the line is more than half full: no line logged a request.
    expect(warnings).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      await g.releaseAll();
      await turn();
    }
    await expect(Promise.all(admitted)).resolves.toEqual([true, true, true, true]);
    expect(g.started).toEqual(['a', 'b', 'c', 'g']);
    expect(said.at(-1)).toBe('g:ok');
    // Drained: the next request ends the burst, with its count.
    expect(work.later(g.job('h'), () => undefined)).toBe(true);
    // d, e, f and the submission: the App Home refresh left out is background work, not a refused request.
    expect(warnings[1]).toMatch(/takes requests again; 4 were refused/);
  });

  it('keeps a tenth more room for urgent work, which goes first', async () => {
    const work = new WorkLine({ concurrency: 1, maxWaiting: 10 });
    const g = gate();
    const { said, ack } = acks();
    void work.admit(ack('running'), g.job('running'), () => undefined);
    await turn();
    await turn();
    for (let i = 0; i < 10; i++) void work.admit(ack(`w${i}`), g.job(`w${i}`), () => undefined);
    await work.admit(ack('plain'), g.job('plain'), () => undefined);
    const modal = work.admit(ack('modal'), g.job('modal'), () => undefined, { urgent: true });
    await turn();
    expect(said.slice(-2)).toEqual(['plain:busy', 'modal:ok']);
    // Only a tenth more: the next urgent request is refused too.
    await work.admit(ack('modal2'), g.job('modal2'), () => undefined, { urgent: true });
    expect(said.at(-1)).toBe('modal2:busy');
    await g.releaseAll();
    await turn();
    expect(g.started).toEqual(['running', 'modal']);
    for (let i = 0; i < 12; i++) await g.releaseAll();
    await expect(modal).resolves.toBe(true);
  });

  it('counts submissions running outside the slots against the bound', async () => {
    const work = new WorkLine({ concurrency: 1, maxWaiting: 1 });
    const g = gate();
    const submitting = work.now(g.job('submit'), () => undefined);
    expect(submitting).not.toBeNull();
    expect(work.now(g.job('second'), () => undefined)).toBeNull();
    expect(work.later(g.job('home'), () => undefined)).toBe(false);
    await g.releaseAll();
    await submitting;
    expect(work.later(g.job('home'), () => undefined)).toBe(true);
    await turn();
    await g.releaseAll();
    await work.close();
    expect(g.started).toEqual(['submit', 'home']);
  });
});
