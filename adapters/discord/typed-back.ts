import type { APIEmbed } from 'discord.js';
import { LIMITS, plain } from './discord-text';

/**
 * What a refused form submission held, shown back to its author: Discord closes a modal whatever the answer
 * (it has no "errors" reply, unlike Slack), and a busy desk saved nothing, so without it the typing is lost.
 * Null when nothing was typed.
 */
export function typedBack(fields: Record<string, string>): APIEmbed | null {
  const typed = Object.entries(fields).filter(([, v]) => v.trim() !== '');
  if (typed.length === 0) return null;
  const text = typed
    .map(([name, value]) => `**${name[0]!.toUpperCase()}${name.slice(1)}**\n${plain(value, LIMITS.embedDescription)}`)
    .join('\n\n');
  return {
    title: 'What you typed (nothing was saved): paste it back in when you try again',
    description: text.length <= LIMITS.embedDescription ? text : `${text.slice(0, LIMITS.embedDescription - 1)}…`,
  };
}
