import { execFile } from 'node:child_process';

export interface TimedRun {
  seconds: number;
  /** Peak resident set of the command's process, from /usr/bin/time -v. */
  maxRss: number;
  /** The command's own standard output, lines. */
  out: string[];
}

/**
 * Runs a command under GNU time and returns its wall time, its maxRSS and its output; fails with the
 * command's stderr when it exits non-zero.
 */
export function timedCommand(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<TimedRun> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      '/usr/bin/time',
      ['-v', ...argv],
      { env: { ...process.env, ...env }, maxBuffer: 64 << 20 },
      (e, stdout, stderr) => {
        const seconds = (performance.now() - t0) / 1000;
        if (e)
          return reject(new Error(`${argv.join(' ')} failed: ${stderr.trim().split('\n').slice(0, 5).join(' | ')}`));
        const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        if (!kb) return reject(new Error('/usr/bin/time -v printed no maximum resident set size'));
        resolve({ seconds, maxRss: Number(kb[1]) * 1024, out: stdout.trim().split('\n') });
      },
    );
  });
}
