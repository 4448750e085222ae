import { decodeAction } from '../../core/views/action-id';
import { ComponentType, InteractionType, MessageFlags, type APIInteraction } from 'discord.js';
import type { DiscordInbound } from './inbound';
import { metaOf } from './parse-common';

/**
 * A button press: its custom id is one of core's action ids, decoded (and refused when crafted) by core.
 * Select menus and other components are unsupported: the adapter never sends them.
 */
export function parseComponent(raw: APIInteraction): DiscordInbound {
  const meta = metaOf(raw);
  if (!meta) return { kind: 'unsupported', meta: null, reason: 'no user on the interaction' };
  if (raw.type !== InteractionType.MessageComponent) return { kind: 'unsupported', meta, reason: 'not a component' };
  if (raw.data.component_type !== ComponentType.Button)
    return { kind: 'unsupported', meta, reason: `component type ${raw.data.component_type}` };
  const message = raw.message as { id?: string; flags?: number } | undefined;
  return {
    kind: 'button',
    meta,
    actionId: String(raw.data.custom_id),
    action: decodeAction(String(raw.data.custom_id)),
    messageId: message?.id ?? null,
    ephemeralMessage: ((message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
  };
}
