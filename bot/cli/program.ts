import { Command, CommanderError } from 'commander';
import { readEnvironment, type Environment } from '../environment';
import { registerBotCommands } from './bot-commands';
import { registerWorkerCommands } from './worker-commands';
import type { CliContext } from './cli-context';
import { registerDataCommands } from './data-commands';
import { registerDbCommands } from './db-commands';
import { registerDiscordCommands } from './discord-commands';
import { registerShellCommands } from './shell-commands';
import { describeCliError, UsageError } from './error-sink';
import { registerSlackCommands } from './slack-commands';
import { registerUserCommands } from './user-commands';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Exit statuses: a usage mistake (the command line itself) apart from a command that ran and failed. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Runs `cqms <args>`; returns the exit code instead of exiting, so tests drive it in-process. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const program = new Command('cqms')
    .description('CQMS chat: a support desk inside Slack and Discord')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  // The environment is read once the command line has parsed, so help and usage mistakes never depend on it.
  let env: Environment | undefined;
  let running: Command = program;
  const ctx: CliContext = {
    get env() {
      if (!env) throw new Error('the environment is read before a command runs, not while the command line is built');
      return env;
    },
    out: io.out,
    async withDesk(fn, opts) {
      // The store and queue libraries load on use: help, usage mistakes and setup commands never wait for them.
      const { buildDesk } = await import('../desk-wiring.js');
      const desk = await buildDesk(ctx.env, opts);
      try {
        return await fn(desk.deps);
      } finally {
        await desk.close();
      }
    },
  };
  registerDbCommands(program, ctx);
  registerUserCommands(program, ctx);
  registerDataCommands(program, ctx);
  registerBotCommands(program, ctx);
  registerWorkerCommands(program, ctx);
  registerSlackCommands(program, ctx);
  registerDiscordCommands(program, ctx);
  registerShellCommands(program, ctx, io);
  for (const c of allCommands(program)) c.showHelpAfterError(usageHint(c));
  program.hook('preAction', (_program, action) => {
    running = action;
    // `cqms bot` and `cqms worker` are checked for everything they need to run, in the same single report.
    const service =
      action.parent === program && (action.name() === 'bot' || action.name() === 'worker') ? action.name() : undefined;
    env = readEnvironment(io.env, service as 'bot' | 'worker' | undefined);
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    // Commander has printed its own message (and the hint) already; help asked for is not a mistake.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const { message, detail } = describeCliError(e, Boolean(io.env.CQMS_DEBUG));
    io.err(`error: ${message}`);
    if (detail) io.err(detail);
    if (e instanceof UsageError) {
      io.err(usageHint(running));
      return EXIT.usage;
    }
    return EXIT.failed;
  }
}

function allCommands(c: Command): Command[] {
  return [c, ...c.commands.flatMap(allCommands)];
}

/** The one line after a usage mistake: where this command's usage is. */
function usageHint(c: Command): string {
  const path: string[] = [];
  for (let at: Command | null = c; at; at = at.parent) path.unshift(at.name());
  return `(run \`${path.join(' ')} --help\` for usage)`;
}
