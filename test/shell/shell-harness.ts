import { PassThrough, Readable } from 'node:stream';
import { runCli, type CliIo } from '../../bot/cli/program';
import type { CliStreams } from '../../bot/cli/shell-commands';
import { pngSize } from '../../adapters/charts/png-size';
import { readFileSync } from 'node:fs';

export interface ShellRun {
  code: number;
  /** Everything the shell wrote: prompts, echoed input, replies, notifications. */
  out: string;
  /** Lines `runCli` reported (errors, defect references). */
  err: string[];
}

/** Runs `cqms <args>` in-process with a scripted stdin, one element per typed line. */
export async function runScripted(
  args: string[],
  env: Record<string, string>,
  lines: readonly string[],
  opts: { tty?: boolean } = {},
): Promise<ShellRun> {
  const input = Readable.from([lines.map((l) => `${l}\n`).join('')]);
  const output = Object.assign(new PassThrough(), opts.tty ? { isTTY: true } : {});
  let out = '';
  output.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const err: string[] = [];
  const io: CliIo & CliStreams = {
    out: (l) => (out += `${l}\n`),
    err: (l) => err.push(l),
    env: { NO_COLOR: '1', ...env },
    input,
    output,
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

/** The chart files a transcript names, with the size their PNG header declares. */
export function chartsIn(out: string): {
  title: string;
  path: string;
  declared: { width: number; height: number };
  actual: { width: number; height: number } | null;
}[] {
  return [...out.matchAll(/▦ (.+?): (\S+\.png) \((\d+)x(\d+) PNG\)/g)].map((m) => ({
    title: m[1]!,
    path: m[2]!,
    declared: { width: Number(m[3]), height: Number(m[4]) },
    actual: pngSize(new Uint8Array(readFileSync(m[2]!))),
  }));
}

/** No stack frame, no error class name: what a user must never see. */
export const STACK_TRACE = /\n\s+at \S+.*:\d+:\d+|\b(TypeError|ReferenceError|SequelizeDatabaseError|ZodError)\b/;
