/**
 * Runs tasks with the same key one after another, tasks with other keys side by side: two quick changes to
 * one query must not both find no card and both post one.
 */
export class SerialByKey {
  private readonly last = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.last.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((r) => (done = r));
    this.last.set(key, mine);
    try {
      await before;
      return await task();
    } finally {
      done();
      if (this.last.get(key) === mine) this.last.delete(key);
    }
  }
}
