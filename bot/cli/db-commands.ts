import type { Command } from 'commander';
import { redact } from '../../adapters/storage/database-url';
import type { CliContext } from './cli-context';

export function registerDbCommands(program: Command, ctx: CliContext): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('create the database if needed and apply pending migrations')
    .action(() =>
      ctx.withDesk(
        async (deps) => {
          ctx.out(`Database ${redact(ctx.env.DATABASE_URL)} (${deps.store.dialect}) is up to date.`);
        },
        { migrate: true },
      ),
    );
}
