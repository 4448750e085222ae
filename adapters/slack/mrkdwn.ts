import type { MrkdwnElement, PlainTextElement } from './block-kit';

/**
 * Escapes user text for mrkdwn: `&`, `<` and `>` become entities, so `<!channel>`, `<@U123>` or
 * `<https://x|y>` typed by a user show as typed and never ping or render as a link.
 */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts to `max` UTF-16 units, marking the cut with an ellipsis and never splitting an emoji: never more than the
 * characters Slack counts, however it counts them.
 */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Escapes, then cuts so the escaped text fits (entities count against Slack's limits; none is split). */
export function safeMrkdwn(s: string, max: number): string {
  const escaped = escapeMrkdwn(s);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const ch of s) {
    const e = escapeMrkdwn(ch);
    if (out.length + e.length > max - 1) break;
    out += e;
  }
  return `${out}…`;
}

export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}

/** plain_text does not render mentions or links, but Slack decodes its entities too: escaped the same way. */
export function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: safeMrkdwn(text || ' ', max), emoji: true };
}

/** Splits long escaped text into pieces of at most `max` characters, preferring line breaks. */
export function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    // Never cut inside an entity such as &amp;.
    const amp = rest.lastIndexOf('&', cut);
    if (amp > cut - 5 && rest.indexOf(';', amp) >= cut) cut = amp;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0 || out.length === 0) out.push(rest);
  return out;
}
