import { InteractionBound } from './interaction-bound';

describe('interactions in flight', () => {
  it('refuses work past the bound (nothing runs), says so once a burst, and takes work again once some has finished', async () => {
    const warnings: string[] = [];
    const work = new InteractionBound({ maxInFlight: 2, warn: (l) => warnings.push(l) });
    const started: string[] = [];
    const releases: (() => void)[] = [];
    const job = (name: string) => () => {
      started.push(name);
      return new Promise<void>((r) => releases.push(r));
    };
    const a = work.admit(job('a'), () => undefined);
    const b = work.admit(job('b'), () => undefined);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(['c', 'd', 'e'].map((n) => work.admit(job(n), () => undefined))).toEqual([null, null, null]);
    expect(started).toEqual(['a', 'b']);
    expect(warnings).toEqual([expect.stringMatching(/overloaded \(2 interactions being answered\)/)]);

    releases.shift()!();
    await a;
    const f = work.admit(job('f'), () => undefined);
    expect(f).not.toBeNull();
    expect(started).toEqual(['a', 'b', 'f']);
    // Still a burst while more than half the room is taken: not a line a request.
    expect(warnings).toHaveLength(1);

    // A failure gives its place back too, and goes to onError.
    const failures: unknown[] = [];
    releases.splice(0).forEach((r) => r());
    await Promise.all([b, f]);
    await work.admit(
      () => Promise.reject(new Error('boom')),
      (e) => failures.push(e),
    );
    expect(warnings[1]).toMatch(/takes interactions again; 3 were refused/);
    expect(failures).toEqual([new Error('boom')]);
    expect(work.admit(job('g'), () => undefined)).not.toBeNull();
    expect(work.admit(job('h'), () => undefined)).not.toBeNull();
    releases.splice(0).forEach((r) => r());
    await work.close();
    expect(started).toEqual(['a', 'b', 'f', 'g', 'h']);
  });
});
