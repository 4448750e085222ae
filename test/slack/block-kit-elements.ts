import { isObject, type Issues, type Json } from './slack-refusal';

/** Block Kit's element and composition-object limits (docs.slack.dev/reference/block-kit). */
export const ELEMENT_LIMITS = {
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  placeholder: 150,
  inputLength: 3000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  maxFiles: 10,
  imageUrl: 3000,
  altText: 2000,
} as const;

/**
 * A text object: `{ type, text }` with a non-empty text; `plainOnly` where Slack takes plain_text only (headers,
 * buttons, labels, placeholders, option texts, modal titles).
 */
export function textObject(
  is: Issues,
  v: unknown,
  pointer: string,
  max: number,
  o: { plainOnly?: boolean; required?: boolean } = {},
): void {
  if (v === undefined) {
    if (o.required) is.add(pointer, 'missing required field');
    return;
  }
  if (!isObject(v)) return is.add(pointer, 'must be an object');
  const allowed = o.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!allowed.includes(String(v.type)))
    is.add(`${pointer}/type`, `must be a valid enum value${o.plainOnly ? ' (plain_text only)' : ''}`);
  is.text(v.text, `${pointer}/text`, max, { min: 1, required: true });
}

export function confirmDialog(is: Issues, v: unknown, p: string): void {
  if (v === undefined) return;
  if (!isObject(v)) return is.add(p, 'must be an object');
  textObject(is, v.title, `${p}/title`, ELEMENT_LIMITS.confirmTitle, { plainOnly: true, required: true });
  textObject(is, v.text, `${p}/text`, ELEMENT_LIMITS.confirmText, { required: true });
  textObject(is, v.confirm, `${p}/confirm`, ELEMENT_LIMITS.confirmButton, { plainOnly: true, required: true });
  textObject(is, v.deny, `${p}/deny`, ELEMENT_LIMITS.confirmButton, { plainOnly: true, required: true });
}

function option(is: Issues, v: unknown, p: string): void {
  if (!isObject(v)) return is.add(p, 'must be an object');
  textObject(is, v.text, `${p}/text`, ELEMENT_LIMITS.optionText, { plainOnly: true, required: true });
  is.text(v.value, `${p}/value`, ELEMENT_LIMITS.optionValue, { min: 1, required: true });
  textObject(is, v.description, `${p}/description`, ELEMENT_LIMITS.optionDescription, { plainOnly: true });
}

/** The elements this app sends (buttons, selects, text and file inputs, images); any other type is refused. */
export function element(is: Issues, v: unknown, p: string, ids: Set<string>): void {
  if (!isObject(v)) return is.add(p, 'must be an object');
  if (v.type !== 'image') {
    is.text(v.action_id, `${p}/action_id`, ELEMENT_LIMITS.actionId, { min: 1 });
    if (typeof v.action_id === 'string') {
      if (ids.has(v.action_id)) is.add(`${p}/action_id`, 'action_id must be unique within its block');
      ids.add(v.action_id);
    }
  }
  switch (v.type) {
    case 'button':
      textObject(is, v.text, `${p}/text`, ELEMENT_LIMITS.buttonText, { plainOnly: true, required: true });
      is.text(v.value, `${p}/value`, ELEMENT_LIMITS.buttonValue);
      is.text(v.url, `${p}/url`, ELEMENT_LIMITS.url);
      if (v.style !== undefined && v.style !== 'primary' && v.style !== 'danger')
        is.add(`${p}/style`, 'must be a valid enum value');
      return confirmDialog(is, v.confirm, `${p}/confirm`);
    case 'static_select': {
      textObject(is, v.placeholder, `${p}/placeholder`, ELEMENT_LIMITS.placeholder, { plainOnly: true });
      const options = is.items(v.options, `${p}/options`, ELEMENT_LIMITS.selectOptions, {
        min: 1,
        required: v.option_groups === undefined,
      });
      options.forEach((o, i) => option(is, o, `${p}/options/${i}`));
      return confirmDialog(is, v.confirm, `${p}/confirm`);
    }
    case 'plain_text_input':
      textObject(is, v.placeholder, `${p}/placeholder`, ELEMENT_LIMITS.placeholder, { plainOnly: true });
      is.int(v.max_length, `${p}/max_length`, 1, ELEMENT_LIMITS.inputLength);
      is.int(v.min_length, `${p}/min_length`, 0, ELEMENT_LIMITS.inputLength);
      if (typeof v.min_length === 'number' && typeof v.max_length === 'number' && v.min_length > v.max_length)
        is.add(`${p}/min_length`, 'must be less than or equal to max_length');
      if (typeof v.initial_value === 'string' && typeof v.max_length === 'number')
        is.text(v.initial_value, `${p}/initial_value`, v.max_length);
      return;
    case 'file_input':
      return is.int(v.max_files, `${p}/max_files`, 1, ELEMENT_LIMITS.maxFiles);
    case 'image':
      is.text(v.image_url, `${p}/image_url`, ELEMENT_LIMITS.imageUrl, { min: 1, required: true });
      return is.text(v.alt_text, `${p}/alt_text`, ELEMENT_LIMITS.altText, { min: 1, required: true });
    default:
      is.add(`${p}/type`, 'must be a valid enum value');
  }
}

export type { Json };
