import { Events, type Client, type GatewayDispatchPayload } from 'discord.js';
import { parseMessageEvent, type MessageEvent } from './parse-message';

const MESSAGE_EVENTS = new Set(['MESSAGE_CREATE', 'MESSAGE_UPDATE', 'MESSAGE_DELETE', 'MESSAGE_DELETE_BULK']);

/**
 * The transport seam for messages: each message dispatch, parsed from its raw payload (./parse-message). Raw,
 * not discord.js's message events: those need the channel (a DM's, a thread's guild) and, for an edit or a
 * deletion, the message itself in its cache, which a restart empties. Returns a detach function.
 */
export function onMessageEvents(
  client: Client,
  botUserId: () => string,
  handle: (e: MessageEvent) => void,
): () => void {
  const onRaw = (packet: GatewayDispatchPayload) => {
    if (MESSAGE_EVENTS.has(packet.t)) handle(parseMessageEvent(packet.t, packet.d, botUserId()));
  };
  client.on(Events.Raw, onRaw);
  return () => client.off(Events.Raw, onRaw);
}
