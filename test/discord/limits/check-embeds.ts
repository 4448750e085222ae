import type { Json } from '../discord-ids';
import { checkCount, checkText, type FormErrors, type Path } from './form-errors';
import { EMBED, MESSAGE } from './limits';

const str = (v: unknown) => (typeof v === 'string' ? v.length : 0);

/** The characters Discord counts against the 6,000 of a message: title, description, fields, footer, author. */
export function embedChars(e: Json): number {
  const fields = Array.isArray(e.fields) ? (e.fields as Json[]) : [];
  return (
    str(e.title) +
    str(e.description) +
    str((e.footer as Json | undefined)?.text) +
    str((e.author as Json | undefined)?.name) +
    fields.reduce((n, f) => n + str(f.name) + str(f.value), 0)
  );
}

/** A message's `embeds`: at most 10, each within its field limits, all together within 6,000 characters. */
export function checkEmbeds(errors: FormErrors, path: Path, embeds: unknown): void {
  const list = checkCount(errors, path, embeds, MESSAGE.embeds) as Json[];
  list.forEach((e, i) => checkEmbed(errors, [...path, i], e));
  const total = list.reduce((n, e) => n + embedChars(e), 0);
  if (total > EMBED.total)
    errors.add(path, { code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${EMBED.total}` });
}

function checkEmbed(errors: FormErrors, path: Path, e: Json): void {
  checkText(errors, [...path, 'title'], e.title, EMBED.title);
  checkText(errors, [...path, 'description'], e.description, EMBED.description);
  const fields = checkCount(errors, [...path, 'fields'], e.fields, EMBED.fields) as Json[];
  fields.forEach((f, i) => {
    checkText(errors, [...path, 'fields', i, 'name'], f.name, EMBED.fieldName, { required: true });
    checkText(errors, [...path, 'fields', i, 'value'], f.value, EMBED.fieldValue, { required: true });
  });
  if (e.footer !== undefined)
    checkText(errors, [...path, 'footer', 'text'], (e.footer as Json).text, EMBED.footer, { required: true });
  if (e.author !== undefined)
    checkText(errors, [...path, 'author', 'name'], (e.author as Json).name, EMBED.authorName, { required: true });
}
