import { ApplicationCommandType, InteractionType, type APIInteraction } from 'discord.js';
import type { DiscordInbound } from './inbound';
import { metaOf, subcommandOf } from './parse-common';

/** `/cqms <subcommand> [options]` -> a catalog command with its options; anything else is unsupported. */
export function parseSlashCommand(raw: APIInteraction, commandName: string): DiscordInbound {
  const meta = metaOf(raw);
  if (!meta) return { kind: 'unsupported', meta: null, reason: 'no user on the interaction' };
  if (raw.type !== InteractionType.ApplicationCommand || raw.data.type !== ApplicationCommandType.ChatInput) {
    return { kind: 'unsupported', meta, reason: 'not a slash command' };
  }
  if (raw.data.name !== commandName) return { kind: 'unsupported', meta, reason: `unknown command /${raw.data.name}` };
  const sub = subcommandOf(raw.data.options, raw.data.resolved);
  if (!sub) return { kind: 'unsupported', meta, reason: `/${commandName} without a subcommand` };
  const { values, attachments, users } = sub.options;
  return { kind: 'command', meta, name: sub.name, options: { values, attachments, users } };
}
