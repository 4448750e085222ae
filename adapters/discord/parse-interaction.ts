import { InteractionType, type APIInteraction } from 'discord.js';
import type { DiscordInbound } from './inbound';
import { parseAutocomplete } from './parse-autocomplete';
import { metaOf } from './parse-common';
import { parseComponent } from './parse-component';
import { parseModalSubmit } from './parse-modal-submit';
import { shapeProblem } from './parse-shape';
import { parseSlashCommand } from './parse-slash-command';

/** One entry for every interaction payload: checks its shape, then dispatches on its type to the parser of that surface. */
export function parseInteraction(raw: APIInteraction, commandName: string): DiscordInbound {
  const shape = shapeProblem(raw);
  if (shape)
    return {
      kind: 'unsupported',
      meta: shape.answerable ? metaOf(raw) : null,
      reason: `malformed interaction: ${shape.problem}`,
    };
  switch (raw.type) {
    case InteractionType.ApplicationCommand:
      return parseSlashCommand(raw, commandName);
    case InteractionType.MessageComponent:
      return parseComponent(raw);
    case InteractionType.ApplicationCommandAutocomplete:
      return parseAutocomplete(raw, commandName);
    case InteractionType.ModalSubmit:
      return parseModalSubmit(raw);
    default:
      return { kind: 'unsupported', meta: metaOf(raw), reason: `interaction type ${String(raw.type)}` };
  }
}
