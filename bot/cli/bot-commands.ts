import type { Command } from 'commander';
import type { CliContext } from './cli-context';

export function registerBotCommands(program: Command, ctx: CliContext): void {
  program
    .command('bot')
    .description(
      'run the chat bots configured in the environment (Slack: SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN; Discord: DISCORD_TOKEN with DISCORD_APPLICATION_ID)',
    )
    .action(async () => {
      // Loaded on use: the chat libraries would otherwise weigh on every other cqms command's memory.
      const { startBot } = await import('../bot-process.js');
      const { processLog } = await import('../process-log.js');
      const { log } = processLog(ctx.env, 'bot');
      // discord.js reports some malformed gateway payloads as unhandled rejections; one bad payload must not
      // take the whole bot down (Node 20 exits on them by default), so log it and keep serving.
      const onRejection = (reason: unknown) => log.error('unhandled rejection (the bot keeps running)', reason);
      process.on('unhandledRejection', onRejection);
      const bot = await startBot(ctx.env, {
        log,
        signals: true,
        shutdownGraceMs: ctx.env.CQMS_SHUTDOWN_GRACE_MS,
        ops: { port: ctx.env.PORT },
      });
      ctx.out(`CQMS bot running: ${bot.platforms.map((p) => p.describe()).join('; ')}. Ctrl-C stops it.`);
      await bot.stopped;
      process.off('unhandledRejection', onRejection);
      ctx.out('CQMS bot stopped.');
    });
}
