import type { Command } from 'commander';
import { startBot, stderrLog } from '../bot-process';
import type { CliContext } from './cli-context';

export function registerBotCommands(program: Command, ctx: CliContext): void {
  program
    .command('bot')
    .description('run the chat bots configured in the environment (Slack: SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN; Discord: DISCORD_TOKEN with DISCORD_APPLICATION_ID)')
    .action(async () => {
      const bot = await startBot(ctx.env, { log: stderrLog(), signals: true });
      ctx.out(`CQMS bot running: ${bot.platforms.map((p) => p.describe()).join('; ')}. Ctrl-C stops it.`);
      await bot.stopped;
      ctx.out('CQMS bot stopped.');
    });
}
