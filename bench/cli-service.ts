/**
 * The compiled CLI's long-running services (`node dist/bot/cli.js bot|worker`) as the benches run them: with the
 * NODE_OPTIONS docker-compose.yml gives each (production's heap budget), their RSS sampled from the start, their
 * ERROR lines kept. Needs `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeNodeOptions } from '../test/deploy/compose-node-options';
import { MemorySampler } from './process-memory';

export const CLI = join(__dirname, '..', 'dist', 'bot', 'cli.js');

/** The NODE_OPTIONS docker-compose.yml gives a service ('' for none). */
export function productionNodeOptions(service: 'bot' | 'worker'): string {
  return composeNodeOptions(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8'), service) ?? '';
}

export interface Service {
  proc: ChildProcess;
  memory: MemorySampler;
  /** RSS once started, before any load. */
  readyMb: number;
  errors: string[];
  warnings: number;
  stop(): Promise<number | null>;
}

/** `node dist/bot/cli.js <command>`, resolved once it prints `ready`; its ERROR log lines are kept. */
export async function startService(
  command: 'bot' | 'worker',
  env: Record<string, string>,
  ready: RegExp,
  nodeOptions: string,
  options: readonly string[] = [],
): Promise<Service> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const proc = spawn(process.execPath, [CLI, command, ...options], {
    env: { PATH: process.env.PATH ?? '', ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  const service: Service = {
    proc,
    memory: new MemorySampler(proc.pid!),
    readyMb: 0,
    errors,
    warnings: 0,
    async stop() {
      if (proc.exitCode !== null) return proc.exitCode;
      const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      proc.kill('SIGTERM');
      return exited;
    },
  };
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (/\bERROR\b|"level":50/.test(line)) errors.push(line);
      else if (/\bWARN\b|"level":40/.test(line)) service.warnings += 1;
    }
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (ready.test(out)) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`cqms ${command} exited with ${code}: ${errors.join('\n')}`)));
  });
  service.readyMb = service.memory.currentMb();
  return service;
}
