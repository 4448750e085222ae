import { Command, CommanderError } from 'commander';
import { buildDesk } from '../desk-wiring';
import { readEnvironment } from '../environment';
import { registerBotCommands } from './bot-commands';
import { registerWorkerCommands } from './worker-commands';
import type { CliContext } from './cli-context';
import { registerDataCommands } from './data-commands';
import { registerDbCommands } from './db-commands';
import { registerDiscordCommands } from './discord-commands';
import { registerShellCommands } from './shell-commands';
import { describeCliError } from './error-sink';
import { registerSlackCommands } from './slack-commands';
import { registerUserCommands } from './user-commands';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Runs `cqms <args>`; returns the exit code instead of exiting, so tests drive it in-process. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const program = new Command('cqms')
    .description('CQMS chat: a support desk inside Slack and Discord')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  try {
    // `cqms bot` and `cqms worker` are checked for everything they need to run, in the same single report.
    const env = readEnvironment(io.env, args[0] === 'bot' || args[0] === 'worker' ? args[0] : undefined);
    const ctx: CliContext = {
      env,
      out: io.out,
      async withDesk(fn, opts) {
        const desk = await buildDesk(env, opts);
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
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const { message, detail } = describeCliError(e, Boolean(io.env.CQMS_DEBUG));
    io.err(`error: ${message}`);
    if (detail) io.err(detail);
    return 1;
  }
}
