import { escapeMarkdown } from 'discord.js';

/** Discord's limits on message parts (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedsPerMessage: 10,
  embedCharsPerMessage: 6000,
  filesPerMessage: 10,
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
} as const;

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}

/** User-written text shown as written: markdown characters escaped, so nothing is formatted or hidden. */
export function plain(s: string, max: number): string {
  return truncate(escapeMarkdown(s), max);
}

/** Text inside a code block: only a run of backticks could end it early. */
export function inCode(s: string): string {
  return s.replace(/`/g, 'ˋ');
}
