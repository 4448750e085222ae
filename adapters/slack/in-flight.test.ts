import { InFlight } from './in-flight';

describe('work after acknowledgements', () => {
  it('runs at most `concurrency` at a time, urgent work first, and close() waits for all of it', async () => {
    const work = new InFlight(2);
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
    for (const n of ['a', 'b', 'c', 'd']) void work.later(job(n), (e) => failures.push(e));
    void work.later(job('modal'), (e) => failures.push(e), { urgent: true });
    void work.later(() => Promise.reject(new Error('boom')), (e) => failures.push(e));
    await work.close();
    expect(peak).toBe(2);
    // a and b had taken the two slots; the urgent one goes before those still waiting.
    expect(order).toEqual(['a', 'b', 'modal', 'c', 'd']);
    expect(failures).toEqual([new Error('boom')]);
    let late = false;
    await work.later(async () => {
      late = true;
    }, () => undefined);
    expect(late).toBe(false);
  });
});
