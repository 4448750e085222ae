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
  authorName: 256,
} as const;

/**
 * At most `max` characters, the end replaced by `marker` when it is cut. The cut never splits a surrogate pair
 * (half an emoji) nor leaves a lone escaping backslash that would swallow the marker's first character.
 */
export function shorten(s: string, max: number, marker = '…'): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, Math.max(0, max - marker.length));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const slashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}${marker}`.slice(0, max);
}

export function truncate(s: string, max: number): string {
  return shorten(s, max);
}

/**
 * Markdown escaped in one linear pass: emphasis, code, spoiler and link characters everywhere; headings, subtext,
 * lists and quotes where they start a line. (discord.js's escapeMarkdown takes 0.4 s on 4,000 such characters.)
 */
export function escapeText(s: string): string {
  return s
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^(\s*)(#{1,3}\s|-#?\s|>{1,3}\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2');
}

/**
 * User-written text shown as written: markdown characters escaped, so nothing is formatted or hidden. Measured
 * after escaping (which can double its length), shortened with `marker` when it does not fit.
 */
export function plain(s: string, max: number, marker?: string): string {
  // Escaping never shortens, so the first max + 1 characters decide whether it fits.
  return shorten(escapeText(s.slice(0, max + 1)), max, marker);
}

/** Text inside a code block: only a run of backticks could end it early. */
export function inCode(s: string): string {
  return s.replace(/`/g, 'ˋ');
}
