import type { APIEmbed, APIEmbedField } from 'discord.js';
import { LIMITS, shorten } from './discord-text';

/** What Discord counts against a message's 6,000 embed characters. */
export function embedSize(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Discord refuses a field with an empty name or value: a zero-width space stands in. */
const BLANK = '\u200b';

function field(f: APIEmbedField): APIEmbedField {
  return {
    ...f,
    name: shorten(f.name, LIMITS.fieldName) || BLANK,
    value: shorten(f.value, LIMITS.fieldValue) || BLANK,
  };
}

/** Floors the first passes keep: a field's value, and the description (the user's own text). */
const FIELD_KEEP = 256;
const DESCRIPTION_KEEP = 1024;
const FIELD_MIN = 40;

/**
 * An embed Discord accepts whatever it holds: each part within its limit, at most 25 fields, and all of it within
 * one message's 6,000 characters. What does not fit is cut from the longest field values down to 256 characters,
 * then from the description down to 1,024 (ending in `marker`), then from field values down to 40, then fields
 * are dropped from the end, then the description gives up the rest. The title and footer are kept.
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
  const over = () => embedSize(out) - LIMITS.embedCharsPerMessage;
  shrinkFields(out, FIELD_KEEP, over);
  shrinkDescription(out, DESCRIPTION_KEEP, marker, over);
  shrinkFields(out, FIELD_MIN, over);
  while (over() > 0 && out.fields?.length) out.fields.pop();
  shrinkDescription(out, 0, marker, over);
  return out;
}

/** Cuts the longest field values, none below `floor`, until nothing is over. */
function shrinkFields(e: APIEmbed, floor: number, over: () => number): void {
  const fields = e.fields ?? [];
  for (let excess = over(); excess > 0; excess = over()) {
    const i = fields.reduce((a, f, j) => (f.value.length > fields[a]!.value.length ? j : a), 0);
    const f = fields[i];
    if (!f || f.value.length <= floor) return;
    fields[i] = { ...f, value: shorten(f.value, Math.max(floor, f.value.length - excess)) };
  }
}

function shrinkDescription(e: APIEmbed, floor: number, marker: string, over: () => number): void {
  const excess = over();
  if (excess <= 0 || !e.description || e.description.length <= floor) return;
  const keep = Math.max(floor, e.description.length - excess);
  e.description = keep > marker.length ? shorten(e.description, keep, marker) : shorten(e.description, keep);
  if (!e.description) delete e.description;
}
