export interface ProgressTarget {
  isTTY?: boolean;
  write(text: string): boolean;
}

export interface Progress {
  /** `done` of `total` units (bytes, rows); `rows` is shown as a count. */
  update(done: number, total: number, rows: number): void;
  finish(): void;
}

const WIDTH = 30;
const EVERY_MS = 100;
const silent: Progress = { update: () => undefined, finish: () => undefined };

/**
 * A one-line bar redrawn in place on a terminal, at most ten times a second (redrawing per batch
 * would cost more than the work on fast disks); nothing at all when the target is not a terminal.
 */
export function progressBar(label: string, target: ProgressTarget, now: () => number = Date.now): Progress {
  if (!target.isTTY) return silent;
  const started = now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total, rows) {
      const t = now();
      if (t - last < EVERY_MS && done < total) return;
      last = t;
      drawn = true;
      const share = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(share * WIDTH);
      const rate = rows / Math.max(0.001, (t - started) / 1000);
      const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
      target.write(
        `\r${label} [${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${rows.toLocaleString('en-US')} rows  ${Math.round(rate).toLocaleString('en-US')} rows/s\x1b[K`,
      );
    },
    finish() {
      if (drawn) target.write('\r\x1b[K');
    },
  };
}
