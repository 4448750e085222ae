import {
  ApplicationCommandOptionType,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIUser,
} from 'discord.js';
import type { CommandOptions, DiscordUserRef, InteractionMeta } from './inbound';

export function userRef(u: APIUser): DiscordUserRef {
  return { userId: u.id, username: u.global_name ?? u.username };
}

/** Who sent the interaction and where: `member.user` in a guild, `user` in a DM. Null when neither is there. */
export function metaOf(raw: APIInteraction): InteractionMeta | null {
  const user = raw.member?.user ?? raw.user;
  if (!user || typeof raw.id !== 'string' || typeof raw.token !== 'string') return null;
  return {
    id: raw.id,
    applicationId: raw.application_id,
    token: raw.token,
    user: userRef(user),
    channelId: raw.channel?.id ?? raw.channel_id ?? null,
    guildId: raw.guild_id ?? null,
  };
}

export interface SubcommandOptions extends CommandOptions {
  /** The option being typed, in an autocomplete interaction. */
  focused?: { name: string; value: string };
}

/**
 * The options of one subcommand (`/cqms <sub> ...`), sorted by kind; attachments and users come from
 * `resolved`. Null when the payload is not a subcommand (a group, or a bare command).
 */
export function subcommandOf(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
  resolved: APIInteractionDataResolved | undefined,
): { name: string; options: SubcommandOptions } | null {
  const sub = options?.[0];
  if (!sub || sub.type !== ApplicationCommandOptionType.Subcommand) return null;
  const out: SubcommandOptions = { values: {}, attachments: {}, users: {} };
  for (const o of sub.options ?? []) {
    if ('focused' in o && o.focused) out.focused = { name: o.name, value: String(o.value) };
    switch (o.type) {
      case ApplicationCommandOptionType.String:
      case ApplicationCommandOptionType.Integer:
      case ApplicationCommandOptionType.Number:
      case ApplicationCommandOptionType.Boolean:
        out.values[o.name] = o.value;
        break;
      case ApplicationCommandOptionType.Attachment: {
        const a = resolved?.attachments?.[o.value];
        if (a)
          out.attachments[o.name] = {
            id: a.id,
            filename: a.filename,
            size: a.size,
            contentType: a.content_type ?? null,
            url: a.url,
          };
        break;
      }
      case ApplicationCommandOptionType.User: {
        const u = resolved?.users?.[o.value];
        out.users[o.name] = u ? userRef(u) : { userId: o.value, username: o.value };
        break;
      }
      default:
        break; // channels, roles, mentionables: no catalog option uses them
    }
  }
  return { name: sub.name, options: out };
}
