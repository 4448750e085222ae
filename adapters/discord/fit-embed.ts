import type { APIEmbed, APIEmbedField } from 'discord.js';
import { LIMITS, shorten } from './discord-text';

/** What Discord counts against a message's 6,000 embed characters. */
export function embedSize(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/** Discord refuses a field with an empty name or value: a zero-width space stands in. */
const BLANK = '\u200b';

function field(f: APIEmbedField): APIEmbedField {
  return { ...f, name: shorten(f.name, LIMITS.fieldName) || BLANK, value: shorten(f.value, LIMITS.fieldValue) || BLANK };
}

/**
 * An embed Discord accepts whatever it holds: each part within its limit, at most 25 fields, and all of it within
 * one message's 6,000 characters. What does not fit is cut from the description first (ending in `marker`), then
 * from the longest field values, then fields are dropped from the end. The title and footer are kept.
 */
export function fitEmbed(e: APIEmbed, marker = '…'): APIEmbed {
  const out: APIEmbed = {
    ...e,
    ...(e.title !== undefined ? { title: shorten(e.title, LIMITS.embedTitle) } : {}),
    ...(e.description !== undefined ? { description: shorten(e.description, LIMITS.embedDescription, marker) } : {}),
    ...(e.footer ? { footer: { ...e.footer, text: shorten(e.footer.text, LIMITS.footer) || BLANK } } : {}),
    ...(e.author ? { author: { ...e.author, name: shorten(e.author.name, LIMITS.authorName) || BLANK } } : {}),
    ...(e.fields ? { fields: e.fields.slice(0, LIMITS.fields).map(field) } : {}),
  };
  let over = embedSize(out) - LIMITS.embedCharsPerMessage;
  if (over > 0 && out.description) {
    const keep = Math.max(0, out.description.length - over);
    out.description = keep > marker.length ? shorten(out.description, keep, marker) : shorten(out.description, keep);
    if (!out.description) delete out.description;
    over = embedSize(out) - LIMITS.embedCharsPerMessage;
  }
  const fields = out.fields ?? [];
  while (over > 0 && fields.length) {
    const longest = fields.reduce((a, f, i) => (f.value.length > fields[a]!.value.length ? i : a), 0);
    const f = fields[longest]!;
    if (f.value.length > 40) {
      fields[longest] = { ...f, value: shorten(f.value, Math.max(40, f.value.length - over)) };
    } else fields.pop();
    over = embedSize(out) - LIMITS.embedCharsPerMessage;
  }
  return out;
}
