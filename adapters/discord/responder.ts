import { MessageFlags, type APIModalInteractionResponseCallbackData, type Interaction } from 'discord.js';
import type { Choice } from './autocomplete';
import { ephemeralFlags, interactionOptions, type DiscordMessage } from './discord-message';

/**
 * The answers one interaction can get, whatever its kind. The router speaks only this; the implementation
 * below drives discord.js's interaction methods (tests may pass their own).
 */
export interface Responder {
  /** A first answer (reply, defer, update, modal, choices) has gone out. */
  readonly answered: boolean;
  reply(m: DiscordMessage): Promise<void>;
  /** "Thinking...": the answer follows with edit(). */
  defer(ephemeral: boolean): Promise<void>;
  /** Button only: acknowledged now, the message it sits on edited later with edit(). */
  deferUpdate(): Promise<void>;
  /** Button only: replaces the message it sits on. */
  update(m: DiscordMessage): Promise<void>;
  modal(modal: APIModalInteractionResponseCallbackData): Promise<void>;
  edit(m: DiscordMessage): Promise<void>;
  followUp(m: DiscordMessage): Promise<void>;
  choices(choices: Choice[]): Promise<void>;
}

class Unanswerable extends Error {
  constructor(what: string, kind: string) {
    super(`a ${kind} interaction cannot ${what}`);
  }
}

/** `onFirstAnswer` is told once, right after the first answer went out (the acknowledgement's latency). */
export function discordJsResponder(i: Interaction, onFirstAnswer?: () => void): Responder {
  const kind = i.constructor.name;
  let answered = false;
  const first = async (send: () => Promise<unknown>) => {
    await send();
    if (!answered) onFirstAnswer?.();
    answered = true;
  };
  return {
    get answered() {
      return answered || (i.isRepliable() && (i.deferred || i.replied));
    },
    reply: (m) =>
      first(() =>
        i.isRepliable()
          ? i.reply({ ...interactionOptions(m), ...ephemeralFlags(m) })
          : Promise.reject(new Unanswerable('reply', kind)),
      ),
    defer: (ephemeral) =>
      first(() =>
        i.isRepliable()
          ? i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {})
          : Promise.reject(new Unanswerable('defer', kind)),
      ),
    deferUpdate: () =>
      first(() =>
        i.isMessageComponent() ? i.deferUpdate() : Promise.reject(new Unanswerable('defer an update', kind)),
      ),
    update: (m) =>
      first(() =>
        i.isMessageComponent() ? i.update(interactionOptions(m)) : Promise.reject(new Unanswerable('update', kind)),
      ),
    modal: (modal) =>
      first(() =>
        i.isChatInputCommand() || i.isMessageComponent()
          ? i.showModal(modal)
          : Promise.reject(new Unanswerable('open a modal', kind)),
      ),
    edit: async (m) => {
      if (!i.isRepliable()) throw new Unanswerable('edit', kind);
      await i.editReply(interactionOptions(m));
    },
    followUp: async (m) => {
      if (!i.isRepliable()) throw new Unanswerable('follow up', kind);
      await i.followUp({ ...interactionOptions(m), ...ephemeralFlags(m) });
    },
    choices: (choices) =>
      first(() => (i.isAutocomplete() ? i.respond(choices) : Promise.reject(new Unanswerable('suggest', kind)))),
  };
}
