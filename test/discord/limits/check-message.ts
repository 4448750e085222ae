import type { Json } from '../discord-ids';
import { checkMessageComponents } from './check-components';
import { checkEmbeds } from './check-embeds';
import { checkCount, checkText, FormErrors, type Path } from './form-errors';
import { IS_COMPONENTS_V2, MESSAGE } from './limits';
import { EMPTY_MESSAGE, invalidFormBody, type Refusal } from './refusals';

export interface MessageContext {
  /** Where the message sits in the request body (['data'] in an interaction callback). */
  path?: Path;
  /** Files sent with it (multipart files[n]). */
  files: number;
  /** For an edit: the message as it will read afterwards, which must not be empty. */
  result?: Json;
}

const nonEmpty = (v: unknown) =>
  Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.length > 0 : v !== undefined && v !== null;

/** A message create or edit: content, embeds, attachments and components within Discord's limits, and not empty. */
export function checkMessage(body: Json, ctx: MessageContext): Refusal | null {
  const path = ctx.path ?? [];
  const errors = new FormErrors();
  checkText(errors, [...path, 'content'], body.content, MESSAGE.content);
  checkEmbeds(errors, [...path, 'embeds'], body.embeds);
  checkCount(errors, [...path, 'attachments'], body.attachments, MESSAGE.attachments);
  // A nonce is an integer or a string of at most 25 characters.
  if (typeof body.nonce === 'string') checkText(errors, [...path, 'nonce'], body.nonce, MESSAGE.nonce);
  if (ctx.files > MESSAGE.attachments)
    errors.add([...path, 'files'], {
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${MESSAGE.attachments} or fewer in length.`,
    });
  if ((Number(body.flags ?? 0) & IS_COMPONENTS_V2) !== 0)
    errors.add([...path, 'flags'], {
      code: 'FAKE_NOT_MODELLED',
      message: 'The fake does not model Components V2 messages; extend it before using them.',
    });
  checkMessageComponents(errors, [...path, 'components'], body.components);
  if (!errors.empty) return invalidFormBody(errors);
  const shown = ctx.result ?? body;
  const filled =
    ctx.files > 0 ||
    ['content', 'embeds', 'components', 'attachments', 'sticker_ids', 'poll'].some((k) => nonEmpty(shown[k]));
  return filled ? null : EMPTY_MESSAGE;
}
