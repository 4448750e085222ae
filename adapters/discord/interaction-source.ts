import {
  Events,
  GatewayDispatchEvents,
  type APIInteraction,
  type Client,
  type GatewayDispatchPayload,
  type Interaction,
} from 'discord.js';

const MAX_WAITING = 256;

/**
 * The transport seam: hands each interaction on as its raw payload (for the pure parsers) with discord.js's
 * interaction object (to answer it). discord.js emits the raw dispatch just before it builds the interaction
 * from it; a payload it could not build from is dropped from the bounded waiting list. Returns a detach function.
 */
export function onInteractions(
  client: Client,
  handle: (raw: APIInteraction, interaction: Interaction) => void,
): () => void {
  const waiting = new Map<string, APIInteraction[]>();
  const onRaw = (packet: GatewayDispatchPayload) => {
    if (packet.t !== GatewayDispatchEvents.InteractionCreate) return;
    waiting.set(packet.d.id, [...(waiting.get(packet.d.id) ?? []), packet.d]);
    if (waiting.size > MAX_WAITING) waiting.delete(waiting.keys().next().value as string);
  };
  const onInteraction = (interaction: Interaction) => {
    const queue = waiting.get(interaction.id);
    const raw = queue?.shift();
    if (!queue?.length) waiting.delete(interaction.id);
    if (raw) handle(raw, interaction);
  };
  client.on(Events.Raw, onRaw);
  client.on(Events.InteractionCreate, onInteraction);
  return () => {
    client.off(Events.Raw, onRaw);
    client.off(Events.InteractionCreate, onInteraction);
  };
}
