import type { Client } from 'discord.js';
import { inRequest, sinceRequestStart } from '../observability/request-context';
import { COMMAND_NAME } from './command-registration';
import type { DiscordLog } from './discord-log';
import type { DiscordInbound } from './inbound';
import { onInteractions } from './interaction-source';
import type { InteractionRouter } from './interaction-router';
import { parseInteraction } from './parse-interaction';
import { discordJsResponder } from './responder';

/** The surfaces a first answer is timed for. */
export type DiscordSurface = 'slash_command' | 'button' | 'modal_submit' | 'autocomplete';
/** Told right after each interaction's first answer went out, with its latency from the interaction's arrival. */
export type AckHook = (surface: DiscordSurface, ms: number) => void;

const SURFACES: Record<DiscordInbound['kind'], DiscordSurface | null> = {
  command: 'slash_command',
  button: 'button',
  submit: 'modal_submit',
  autocomplete: 'autocomplete',
  unsupported: null,
};

/**
 * Binds the router to a discord.js client, as adapters/slack/listeners.ts binds Slack's controller to Bolt: each
 * interaction is parsed once (parse-interaction.ts: a command, a button with its id decoded, a form, an
 * autocomplete) and handed to the router, which answers it through discord.js. Every line logged while it is
 * answered carries the interaction's id. Returns a function that stops listening.
 */
export function registerListeners(
  client: Client,
  router: InteractionRouter,
  log: DiscordLog,
  acked: AckHook = () => undefined,
): () => void {
  return onInteractions(client, (raw, interaction) =>
    inRequest(raw.id, () => {
      const inbound = parseInteraction(raw, COMMAND_NAME);
      const surface = SURFACES[inbound.kind];
      const answered = () => {
        const ms = sinceRequestStart() ?? 0;
        if (surface) acked(surface, ms);
        log.info(`discord ${surface ?? inbound.kind} acknowledged in ${Math.round(ms)} ms`);
      };
      void router.handle(inbound, discordJsResponder(interaction, answered));
    }),
  );
}
