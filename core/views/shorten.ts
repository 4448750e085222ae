/**
 * How long user-written text may be on a card before it is shortened, and how `show` splits the whole of it.
 *
 * 1,000 characters (code points) fits every surface with room to spare, whatever the text holds:
 * - Discord escapes markdown with a backslash per character, so 1,000 become at most 2,000 of the embed's 4,096
 *   description; with the title (256), nine short fields, a 1,024 field and the footer the embed stays under
 *   6,000 characters for the whole message.
 * - Slack escapes `&` as `&amp;`, so 1,000 become at most 5,000 characters: two of its 3,000-character sections,
 *   well inside a message's 50 blocks.
 * The same length cuts the resolution note (a field: 1,024 on Discord, 2,000 on Slack) at half, for the same reason.
 */
export const CARD_TEXT_MAX = 1000;
export const CARD_FIELD_MAX = 500;

/** Said where text was cut; the card then carries a Show button (or the surface's `show`) for the rest. */
export const SHORTENED_MARK = '… (shortened; press Show for the whole text)';

/** The text cut at `max` characters (at a space when one is near) with the marker, or as it is when it fits. */
export function shorten(text: string, max: number): { text: string; shortened: boolean } {
  const chars = Array.from(text);
  if (chars.length <= max) return { text, shortened: false };
  return { text: `${cutAt(chars, max).trimEnd()}${SHORTENED_MARK}`, shortened: true };
}

/** The whole text in pieces of at most `max` characters, cut at a line break or space where one is near. */
export function piecesOf(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = Array.from(text);
  while (rest.length > max) {
    const piece = cutAt(rest, max);
    out.push(piece);
    rest = rest.slice(Array.from(piece).length);
  }
  if (rest.length > 0 || out.length === 0) out.push(rest.join(''));
  return out;
}

/** The first `max` characters, ending after the last line break or space of their second half if there is one. */
function cutAt(chars: readonly string[], max: number): string {
  const head = chars.slice(0, max);
  for (let i = head.length - 1; i >= max / 2; i--)
    if (head[i] === '\n' || head[i] === ' ') return head.slice(0, i + 1).join('');
  return head.join('');
}
