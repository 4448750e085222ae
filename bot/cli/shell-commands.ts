import { rm } from 'node:fs/promises';
import type { Command } from 'commander';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, redact } from '../../adapters/storage/database-url';
import type { ShellStreams } from '../shell-wiring';

// The shell and demo modules (chart rendering, the data pipeline) load on use, keeping other commands light.
const shellWiring = () => import('../shell-wiring.js');
const demoSetup = () => import('../demo-setup.js');
import type { CliContext } from './cli-context';
import { UsageError } from './error-sink';

export const DEMO_DATABASE_URL = 'sqlite:data/demo.db';

/** Streams a caller may give `runCli` (tests pass scripted ones); the process's own otherwise. */
export interface CliStreams {
  err: (line: string) => void;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export function registerShellCommands(program: Command, ctx: CliContext, io: CliStreams): void {
  const streams = (): ShellStreams => ({
    input: io.input ?? process.stdin,
    output: io.output ?? process.stdout,
    err: io.err,
  });

  program
    .command('shell')
    .description('talk to the desk from the terminal (/as <name> to pick who you are) on DATABASE_URL')
    .option('--as <name>', 'start as this shell user')
    .action(async (o: { as?: string }) =>
      (await shellWiring()).runShell(ctx.env, streams(), o.as ? { user: o.as } : {}),
    );

  program
    .command('demo')
    .description(
      'open the shell on a demo store with sample data and demo accounts (data/demo.db unless DATABASE_URL is set)',
    )
    .option('--fresh', 'start over: delete the demo SQLite file first')
    .option('--as <name>', 'start as this shell user')
    .action(async (o: { fresh?: boolean; as?: string }) => {
      // The default DATABASE_URL is the real desk's file; the demo keeps to its own unless told otherwise.
      const url = ctx.env.DATABASE_URL === DEFAULT_DATABASE_URL ? DEMO_DATABASE_URL : ctx.env.DATABASE_URL;
      if (o.fresh) await removeSqliteFile(url);
      const { runShell } = await shellWiring();
      const { demoBanner, prepareDemo } = await demoSetup();
      await runShell({ ...ctx.env, DATABASE_URL: url }, streams(), {
        ...(o.as ? { user: o.as } : {}),
        prepare: async (deps) => demoBanner(redact(url), await prepareDemo(deps)),
      });
    });
}

async function removeSqliteFile(url: string): Promise<void> {
  const target = parseDatabaseUrl(url);
  if (target.dialect !== 'sqlite')
    throw new UsageError(
      '--fresh only deletes an SQLite demo file; drop the MySQL database yourself, or leave out --fresh',
    );
  if (target.file !== ':memory:') await rm(target.file, { force: true });
}
