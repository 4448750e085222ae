import { ComponentType, InteractionType, type APIInteraction, type APIModalSubmissionComponent } from 'discord.js';
import type { DiscordInbound } from './inbound';
import { decodeFormRef } from './modal-id';
import { metaOf } from './parse-common';

/** Text input values by custom id (the form field name), from labels (current) or action rows (legacy). */
function textValues(components: readonly APIModalSubmissionComponent[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of components) {
    const inputs =
      c.type === ComponentType.Label ? [c.component] : c.type === ComponentType.ActionRow ? c.components : [];
    // A label may arrive without its component (the shape check lets it through): skip it.
    for (const i of inputs)
      if (i?.type === ComponentType.TextInput && typeof i.value === 'string') out[i.custom_id] = i.value;
  }
  return out;
}

/** A submitted form: which form (and query, preset category, pending upload) from its custom id, and its fields. */
export function parseModalSubmit(raw: APIInteraction): DiscordInbound {
  const meta = metaOf(raw);
  if (!meta) return { kind: 'unsupported', meta: null, reason: 'no user on the interaction' };
  if (raw.type !== InteractionType.ModalSubmit) return { kind: 'unsupported', meta, reason: 'not a modal submit' };
  const form = decodeFormRef(raw.data.custom_id);
  if (!form) return { kind: 'unsupported', meta, reason: `unknown modal ${raw.data.custom_id.slice(0, 100)}` };
  return { kind: 'submit', meta, form, fields: textValues(raw.data.components ?? []) };
}
