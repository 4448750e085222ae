import type { Command } from 'commander';
import { EnvironmentError, type Environment } from '../environment';
import type { CliContext } from './cli-context';
import { UsageError } from './error-sink';
import { discordStartError } from '../platform-start-error';

function application(env: Environment): { token: string; applicationId: string; apiUrl?: string } {
  if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID)
    throw new EnvironmentError('set DISCORD_TOKEN (the bot token) and DISCORD_APPLICATION_ID first');
  return {
    token: env.DISCORD_TOKEN,
    applicationId: env.DISCORD_APPLICATION_ID,
    ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
  };
}

export function registerDiscordCommands(program: Command, ctx: CliContext): void {
  const discord = program.command('discord').description('Discord app setup');
  discord
    .command('register')
    .description(
      `register /cqms (generated from the command catalog) with Discord: in one server with --guild (at once), else globally (may take up to an hour to show)`,
    )
    .option('--guild <id>', 'the id of a server (guild) to register in')
    .action(async (o: { guild?: string }) => {
      if (o.guild !== undefined && !/^\d{17,20}$/.test(o.guild))
        throw new UsageError(`--guild must be a server id (17 to 20 digits), not "${o.guild}"`);
      const app = application(ctx.env);
      // discord.js is loaded on use: it would otherwise weigh on every other cqms command's memory.
      const { REST, Routes } = await import('discord.js');
      const { discordCommands } = await import('../../adapters/discord/command-registration.js');
      const { deskConfig } = await import('../desk-wiring.js');
      const body = discordCommands(deskConfig(ctx.env));
      const rest = new REST({ ...(app.apiUrl ? { api: app.apiUrl } : {}), retries: 1, timeout: 15_000 }).setToken(
        app.token,
      );
      const route = o.guild
        ? Routes.applicationGuildCommands(app.applicationId, o.guild)
        : Routes.applicationCommands(app.applicationId);
      const saved = (await rest.put(route, { body }).catch((e: unknown) => {
        throw discordStartError(e, route, app.apiUrl);
      })) as { name: string; options?: unknown[] }[];
      const where = o.guild
        ? `in server ${o.guild}`
        : 'globally (Discord may take up to an hour to show them everywhere)';
      ctx.out(
        `Registered ${saved.map((c) => `/${c.name} (${c.options?.length ?? 0} subcommands)`).join(', ')} ${where}.`,
      );
    });
  discord
    .command('invite')
    .description(
      'print the URL that adds the bot to a server, with the scopes and permissions it needs, then the gateway intents it asks for',
    )
    .action(async () => {
      const { inviteUrl, intentsNote } = await import('../../adapters/discord/invite-url.js');
      const { applicationId } = application(ctx.env);
      // The URL alone on the first line, for scripts.
      ctx.out(inviteUrl(applicationId));
      for (const line of intentsNote(applicationId)) ctx.out(line);
    });
}
