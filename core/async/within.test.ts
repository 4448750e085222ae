import { within } from './within';

const after = <T>(ms: number, v: T) => new Promise<T>((r) => setTimeout(() => r(v), ms));

describe('within', () => {
  it("gives the work's outcome when it comes first, its failure included", async () => {
    await expect(within(after(5, 'done'), 1_000, () => 'late')).resolves.toBe('done');
    await expect(within(Promise.reject(new Error('refused')), 1_000, () => 'late')).rejects.toThrow('refused');
  });

  it("gives late()'s value, or its throw, once the time has passed", async () => {
    await expect(within(after(1_000, 'done'), 5, () => 'late')).resolves.toBe('late');
    await expect(
      within(after(1_000, 'done'), 5, () => {
        throw new Error('no answer within 5 ms');
      }),
    ).rejects.toThrow('no answer within 5 ms');
  });

  it('leaves no timer behind when the work wins', async () => {
    const cleared = jest.spyOn(global, 'clearTimeout');
    await within(Promise.resolve(1), 60_000, () => 0);
    expect(cleared).toHaveBeenCalled();
    cleared.mockRestore();
  });
});
