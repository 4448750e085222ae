import { progressBar } from './progress-bar';

const target = (isTTY: boolean) => {
  const writes: string[] = [];
  return { writes, isTTY, write: (s: string) => (writes.push(s), true) };
};

describe('progress bar', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const t = target(false);
    const bar = progressBar('load', t);
    bar.update(5, 10, 5);
    bar.finish();
    expect(t.writes).toEqual([]);
  });

  it('redraws in place at most every 100 ms, always at 100%, and clears the line at the end', () => {
    const t = target(true);
    let now = 0;
    const bar = progressBar('clean', t, () => now);
    now = 150;
    bar.update(50, 100, 1500);
    now = 180;
    bar.update(60, 100, 1800);
    now = 200;
    bar.update(100, 100, 3000);
    bar.finish();
    expect(t.writes).toEqual([
      `\rclean [${'#'.repeat(15)}${'-'.repeat(15)}]  50%  1,500 rows  10,000 rows/s\x1b[K`,
      `\rclean [${'#'.repeat(30)}] 100%  3,000 rows  15,000 rows/s\x1b[K`,
      '\r\x1b[K',
    ]);
  });
});
