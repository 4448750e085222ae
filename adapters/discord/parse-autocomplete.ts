import { InteractionType, type APIInteraction } from 'discord.js';
import type { DiscordInbound } from './inbound';
import { metaOf, subcommandOf } from './parse-common';

/** The option being typed in `/cqms <subcommand>`, with the other options given so far. */
export function parseAutocomplete(raw: APIInteraction, commandName: string): DiscordInbound {
  const meta = metaOf(raw);
  if (!meta) return { kind: 'unsupported', meta: null, reason: 'no user on the interaction' };
  if (raw.type !== InteractionType.ApplicationCommandAutocomplete)
    return { kind: 'unsupported', meta, reason: 'not an autocomplete' };
  if (raw.data.name !== commandName) return { kind: 'unsupported', meta, reason: `unknown command /${raw.data.name}` };
  const sub = subcommandOf(raw.data.options, raw.data.resolved);
  if (!sub?.options.focused) return { kind: 'unsupported', meta, reason: 'no focused option' };
  const { values, attachments, users, focused } = sub.options;
  return { kind: 'autocomplete', meta, name: sub.name, focused, options: { values, attachments, users } };
}
