import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BUILT = join(ROOT, 'dist', 'bot', 'cli.js');

/** The newest modification time of the sources the build compiles. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * How to run `cqms`: the compiled CLI (`npm run build`) as production runs it, or, when dist/ is missing or
 * older than a source file, the sources through tsx, so a stale build never passes for the code under test.
 */
export function cqmsCommand(): { args: string[]; built: boolean } {
  const fresh =
    existsSync(BUILT) &&
    statSync(BUILT).mtimeMs >=
      Math.max(...['core', 'adapters', 'bot', 'migrations'].map((d) => newestSource(join(ROOT, d))));
  return fresh
    ? { args: [BUILT], built: true }
    : { args: [require.resolve('tsx/cli'), join(ROOT, 'bot', 'cli.ts')], built: false };
}

/** A `cqms` process of the test's own, its stdout and stderr collected. */
export class CqmsProcess {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  private readonly child: ChildProcess;

  /**
   * `group`: the process leads a process group of its own, so crash() reaches the node process tsx runs too.
   * `oneProcess`: from the sources, tsx as a loader in this one node process (not tsx's CLI, which spawns node),
   * so a SIGKILL lands on `cqms` itself.
   */
  constructor(args: string[], env: Record<string, string>, opts: { group?: boolean; oneProcess?: boolean } = {}) {
    const cmd = cqmsCommand();
    const argv = opts.oneProcess && !cmd.built ? ['--import', 'tsx', join(ROOT, 'bot', 'cli.ts')] : cmd.args;
    // WORKER_PORT 0: workers of parallel runs never fight over the default port (a test may still set one).
    this.child = spawn(process.execPath, [...argv, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', WORKER_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: opts.group ?? false,
    });
    const collect = (d: Buffer) => (this.output += d.toString());
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((r) => this.child.once('exit', (code, signal) => r({ code, signal, at: Date.now() })));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  async waitFor(text: string, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (Date.now() > until || this.child.exitCode !== null)
        throw new Error(`no "${text}" from cqms ${this.pid}; it said:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** SIGKILL to the whole group (started with `group`): a crash, no goodbye, nothing flushed. */
  crash(): number {
    process.kill(-this.pid, 'SIGKILL');
    return Date.now();
  }

  signal(signal: NodeJS.Signals = 'SIGTERM'): number {
    this.child.kill(signal);
    return Date.now();
  }

  /**
   * Ends the process if a test left it running: SIGTERM first (tsx passes it on to the node process it runs;
   * a SIGKILL would orphan that one, holding our pipes open), SIGKILL when it lingers.
   */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
  }
}
