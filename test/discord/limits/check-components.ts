import type { Json } from '../discord-ids';
import {
  checkCount,
  checkText,
  choices,
  type FormErrors,
  numberMax,
  numberMin,
  required,
  type Path,
} from './form-errors';
import { ACTION_ROW, BUTTON, SELECTS, STRING_SELECT } from './component-types';
import { COMPONENT, MESSAGE } from './limits';

/** Button styles (not component types): a link button carries a url, a premium one a SKU, neither a custom id. */
const LINK = 5;
const PREMIUM = 6;

/** Custom ids already used in one message or modal: Discord refuses a repeat. */
export class CustomIds {
  private readonly seen = new Set<string>();

  check(errors: FormErrors, path: Path, id: unknown, max: number): void {
    checkText(errors, path, id, max, { required: true });
    if (typeof id !== 'string') return;
    if (this.seen.has(id))
      errors.add(path, { code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
    this.seen.add(id);
  }
}

/** A message's `components` (legacy layout): at most 5 action rows of 5 buttons, or of one select. */
export function checkMessageComponents(errors: FormErrors, path: Path, components: unknown): void {
  const rows = checkCount(errors, path, components, MESSAGE.actionRows) as Json[];
  const ids = new CustomIds();
  rows.forEach((row, r) => {
    const at = [...path, r];
    if (row.type !== ACTION_ROW) return errors.add([...at, 'type'], choices([ACTION_ROW]));
    const items = checkCount(errors, [...at, 'components'], row.components, COMPONENT.rowWidth, 1) as Json[];
    const hasSelect = items.some((c) => SELECTS.includes(Number(c.type)));
    items.forEach((c, i) => {
      const cAt = [...at, 'components', i];
      if (hasSelect && items.length > 1)
        errors.add(cAt, {
          code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
          message: 'The specified component exceeds the maximum width',
        });
      if (c.type === BUTTON) checkButton(errors, cAt, c, ids);
      else if (SELECTS.includes(Number(c.type))) checkSelect(errors, cAt, c, ids);
      else errors.add([...cAt, 'type'], choices([BUTTON, ...SELECTS]));
    });
  });
}

function checkButton(errors: FormErrors, path: Path, b: Json, ids: CustomIds): void {
  checkText(errors, [...path, 'label'], b.label, COMPONENT.buttonLabel);
  const style = Number(b.style);
  if (!(style >= 1 && style <= 6))
    errors.add([...path, 'style'], { code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {1, 2, 3, 4, 5, 6}.' });
  if (style === LINK) {
    if (typeof b.url !== 'string') errors.add([...path, 'url'], required());
    return;
  }
  if (style === PREMIUM) return;
  if (b.label === undefined && b.emoji === undefined) errors.add([...path, 'label'], required());
  ids.check(errors, [...path, 'custom_id'], b.custom_id, COMPONENT.customId);
}

/** A select menu, in a message row or inside a modal's label. */
export function checkSelect(errors: FormErrors, path: Path, s: Json, ids: CustomIds): void {
  ids.check(errors, [...path, 'custom_id'], s.custom_id, COMPONENT.customId);
  checkText(errors, [...path, 'placeholder'], s.placeholder, COMPONENT.selectPlaceholder);
  for (const key of ['min_values', 'max_values'] as const) {
    const v = s[key];
    if (v === undefined) continue;
    const min = key === 'min_values' ? 0 : 1;
    if (Number(v) < min) errors.add([...path, key], numberMin(min));
    if (Number(v) > COMPONENT.selectValues) errors.add([...path, key], numberMax(COMPONENT.selectValues));
  }
  if (s.type !== STRING_SELECT) return;
  if (s.options === undefined) return errors.add([...path, 'options'], required());
  const options = checkCount(errors, [...path, 'options'], s.options, COMPONENT.selectOptions, 1) as Json[];
  options.forEach((o, i) => {
    checkText(errors, [...path, 'options', i, 'label'], o.label, COMPONENT.optionText, { required: true });
    checkText(errors, [...path, 'options', i, 'value'], o.value, COMPONENT.optionText, { required: true });
    checkText(errors, [...path, 'options', i, 'description'], o.description, COMPONENT.optionText);
  });
}
