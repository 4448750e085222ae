import { Events, GatewayCloseCodes, type Client } from 'discord.js';
import { botSettingsUrl } from './invite-url';

/**
 * The one line logged when Discord refuses the Message Content intent: what stops working, what keeps working,
 * and where to switch it on.
 */
export function messageContentRefused(applicationId: string): string {
  return `Discord refused the privileged Message Content intent (gateway close 4014), so messages written in support threads cannot be read; the bot carries on without it (commands, buttons and DMs keep working). To relay thread messages, turn on "Message Content Intent" under Privileged Gateway Intents at ${botSettingsUrl(applicationId)}, then restart the bot.`;
}

/**
 * Calls `refused` when the gateway closes a shard with 4014 (Disallowed intents): discord.js gives up on the
 * connection then (at login, its promise rejects), so the caller connects again without the privileged intent.
 * Returns a detach function.
 */
export function onIntentRefused(client: Client, refused: () => void): () => void {
  const onDisconnect = (e: { code: number }) => {
    if (e.code === GatewayCloseCodes.DisallowedIntents) refused();
  };
  client.on(Events.ShardDisconnect, onDisconnect);
  return () => client.off(Events.ShardDisconnect, onDisconnect);
}
