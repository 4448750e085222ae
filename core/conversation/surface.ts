import { platformName, type Platform } from '../domain/platform';

/**
 * The surface a conversation happens on, as far as texts care: core writes every hint, help line and
 * "where you will hear from us" in its syntax, so no adapter rewrites core's words.
 */
export interface Surface {
  /** The surface's name as it writes it (Slack, Discord, shell). */
  name: string;
  /** Typed before a command: `/cqms ` on Slack and Discord, nothing in the shell. */
  prefix: string;
  /** How options are typed: `id=7` (Slack's text, the shell; a positional one bare), or Discord's `id:7`. */
  options: 'equals' | 'colon';
  /** What a command with a form does when run bare; null where forms are not shown. */
  formNote: string | null;
  /** Where updates about a user's queries reach them (the notifier's direct messages). */
  updatesFor(username: string): string;
}

const CHAT_FORM = 'opens a form';

export const SURFACES = {
  slack: {
    name: 'Slack',
    prefix: '/cqms ',
    options: 'equals',
    formNote: CHAT_FORM,
    updatesFor: () => 'in your DM with this app',
  },
  discord: {
    name: 'Discord',
    prefix: '/cqms ',
    options: 'colon',
    formNote: CHAT_FORM,
    updatesFor: () => 'in your DMs with this bot',
  },
  shell: {
    name: 'shell',
    prefix: '',
    options: 'equals',
    formNote: 'asks field by field',
    updatesFor: (username) => `as [to ${username}] lines in this shell`,
  },
} as const satisfies Record<string, Surface>;

/** The surface of a platform; a platform with no chat of its own (cli, import) gets the shell's syntax without forms. */
export function surfaceOf(platform: Platform): Surface {
  if (platform === 'slack' || platform === 'discord' || platform === 'shell') return SURFACES[platform];
  return {
    name: platformName(platform),
    prefix: '',
    options: 'equals',
    formNote: null,
    updatesFor: () => 'in a direct message',
  };
}

/** A command as typed on this surface, in backticks: `/cqms new` on Slack, `new` in the shell. */
export function commandHint(surface: Surface, line: string): string {
  return `\`${surface.prefix}${line}\``;
}
