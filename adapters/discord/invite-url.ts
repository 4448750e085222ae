import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/**
 * What the bot does in the support channel: see it, post cards (embeds, chart and CSV files), edit them; start a
 * thread from each card and talk in it (a query's conversation).
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

/** The OAuth2 URL that adds the bot to a server with its slash commands and those permissions. */
export function inviteUrl(applicationId: string): string {
  const q = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${q.toString()}`;
}

/** The developer portal's Bot page, where privileged intents are switched on. */
export function botSettingsUrl(applicationId: string): string {
  return `https://discord.com/developers/applications/${applicationId}/bot`;
}

/** What `cqms discord invite` says after the URL: the intents, and how to allow the privileged one. */
export function intentsNote(applicationId: string): string[] {
  return [
    'Gateway intents: Guilds, Guild Messages, Direct Messages, Message Content.',
    `Message Content is privileged: turn on "Message Content Intent" under Privileged Gateway Intents at ${botSettingsUrl(applicationId)}. Without it the bot still runs (commands, buttons and DMs work) but cannot read messages written in support threads; it says so in one log line when it connects.`,
  ];
}
