import { painter } from '../adapters/shell/ansi';
import { ArtifactWriter } from '../adapters/shell/artifact-writer';
import { LineReader } from '../adapters/shell/line-reader';
import { ReplyPrinter } from '../adapters/shell/reply-printer';
import { ShellNotifier } from '../adapters/shell/shell-notifier';
import { ShellRepl } from '../adapters/shell/shell-repl';
import { ButtonBoard, ShellConsole } from '../adapters/shell/shell-console';
import { ShellInbox } from '../adapters/shell/shell-inbox';
import { Desk } from '../core/conversation/desk';
import type { DeskDeps } from '../core/desk/desk-deps';
import { buildDesk, chartRendererFor, type DeskRuntime } from './desk-wiring';
import type { Environment } from './environment';

export interface ShellStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where the detail of an unexpected error goes (the user sees only its reference). */
  err: (line: string) => void;
}

export interface ShellRunOptions {
  /** Who you are at the start; `guest` by default. */
  user?: string;
  /** Runs after the store is open and migrated, before the first prompt; returns lines to print (a banner). */
  prepare?: (deps: DeskDeps) => Promise<string[]>;
}

/** The log's side of a defect (stderr): its first line, or the whole stack with CQMS_DEBUG. */
function defectDetail(e: unknown, debug: boolean): string {
  if (debug && e instanceof Error && e.stack) return e.stack;
  return String(e instanceof Error ? e.message : e).split('\n')[0] ?? '';
}

const isTty = (s: NodeJS.ReadableStream | NodeJS.WritableStream) => (s as { isTTY?: boolean }).isTTY === true;

/**
 * The shell's composition root: the store (migrated), the in-process job queue delivering to the
 * shell notifier, the chart renderer chosen from QUICKCHART_URL, and the REPL on the given streams.
 */
export async function runShell(env: Environment, io: ShellStreams, opts: ShellRunOptions = {}): Promise<void> {
  const paint = painter(isTty(io.output) && !env.NO_COLOR);
  const terminal = new ShellConsole(io.output);
  const board = new ButtonBoard();
  const inbox = new ShellInbox((lines) => terminal.notice(lines));
  const artifacts = new ArtifactWriter(chartRendererFor(env), {
    chartsDir: env.CQMS_CHARTS_DIR,
    exportsDir: env.CQMS_EXPORTS_DIR,
  });
  const printer = new ReplyPrinter(paint, artifacts);
  let runtime: DeskRuntime | undefined;
  const notifier = new ShellNotifier({
    store: () => (runtime as DeskRuntime).deps.store,
    console: terminal,
    printer,
    board,
    paint,
    inbox,
  });
  runtime = await buildDesk(env, { migrate: true, notifiers: [notifier] });
  const rt = runtime;
  try {
    if (opts.prepare) terminal.print(await opts.prepare(rt.deps));
    const reader = new LineReader({
      input: io.input,
      output: io.output,
      terminal: isTty(io.input) && isTty(io.output),
      echo: !isTty(io.input),
    });
    await new ShellRepl({
      desk: new Desk(rt.deps),
      reader,
      console: terminal,
      printer,
      board,
      paint,
      inbox,
      ...(opts.user ? { user: opts.user } : {}),
      settle: () => rt.settle(),
      onDefect: (ref, e) => io.err(`unexpected error (ref ${ref}): ${defectDetail(e, Boolean(env.CQMS_DEBUG))}`),
    }).run();
  } finally {
    await rt.close();
  }
}
