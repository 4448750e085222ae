import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cqmsCommand } from '../resilience/cli-process';

const ROOT = join(__dirname, '..', '..');

export interface CqmsRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `cqms <args>` as a real process, with only the variables given (no inherited configuration), its two streams
 * apart. Asynchronous, so a fake server in the test's own process can answer it.
 */
export function runCqms(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CqmsRun> {
  const child = spawn(process.execPath, [...cqmsCommand().args, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

/** Runs `jobs` at most `n` at a time (two cores: a few processes in parallel, not dozens). */
export async function inPool<T, R>(items: readonly T[], n: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
  return results;
}

/** Start-up and runtime failures never print the users' outage text, nor a stack frame. */
export function expectOperatorMessage(stderr: string): void {
  expect(stderr).not.toMatch(/nothing was saved|try again in a moment/i);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/unexpected error/);
}

/** A failure said in one line on stderr (`error: ` and `message`, or a line matching it), exit status 1. */
export function expectOneLine(r: CqmsRun, message: string | RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  if (typeof message === 'string') expect(lines[0]).toBe(`error: ${message}`);
  else expect(lines[0]).toMatch(message);
  expectOperatorMessage(r.stderr);
}
