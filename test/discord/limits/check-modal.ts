import type { Json } from '../discord-ids';
import { checkSelect, CustomIds } from './check-components';
import {
  checkCount,
  checkText,
  choices,
  type FormErrors,
  maxLength,
  numberMax,
  numberMin,
  required,
  type Path,
} from './form-errors';
import { ACTION_ROW, FILE_UPLOAD, LABEL, SELECTS, TEXT_DISPLAY, TEXT_INPUT } from './component-types';
import { MODAL } from './limits';

/** An interaction callback's modal (type 9): title, custom id, 1..5 top-level components. */
export function checkModal(errors: FormErrors, path: Path, m: Json): void {
  checkText(errors, [...path, 'title'], m.title, MODAL.title, { required: true });
  checkText(errors, [...path, 'custom_id'], m.custom_id, MODAL.customId, { required: true });
  if (m.components === undefined) return errors.add([...path, 'components'], required());
  const top = checkCount(errors, [...path, 'components'], m.components, MODAL.components, 1) as Json[];
  const ids = new CustomIds();
  top.forEach((c, i) => {
    const at = [...path, 'components', i];
    if (c.type === LABEL) return checkLabel(errors, at, c, ids);
    if (c.type === TEXT_DISPLAY)
      return checkText(errors, [...at, 'content'], c.content, MODAL.textDisplay, { required: true });
    if (c.type !== ACTION_ROW) return errors.add([...at, 'type'], choices([ACTION_ROW, TEXT_DISPLAY, LABEL]));
    // The older layout: a row holding exactly one text input, which then carries its own label.
    const inner = checkCount(errors, [...at, 'components'], c.components, 1, 1) as Json[];
    inner.forEach((t, j) => {
      if (t.type !== TEXT_INPUT) return errors.add([...at, 'components', j, 'type'], choices([TEXT_INPUT]));
      checkText(errors, [...at, 'components', j, 'label'], t.label, MODAL.label, { required: true });
      checkTextInput(errors, [...at, 'components', j], t, ids);
    });
  });
}

function checkLabel(errors: FormErrors, path: Path, l: Json, ids: CustomIds): void {
  checkText(errors, [...path, 'label'], l.label, MODAL.label, { required: true });
  checkText(errors, [...path, 'description'], l.description, MODAL.labelDescription);
  const c = l.component as Json | undefined;
  if (!c) return errors.add([...path, 'component'], required());
  const at = [...path, 'component'];
  if (c.type === TEXT_INPUT) return checkTextInput(errors, at, c, ids);
  if (SELECTS.includes(Number(c.type))) return checkSelect(errors, at, c, ids);
  if (c.type === FILE_UPLOAD) return ids.check(errors, [...at, 'custom_id'], c.custom_id, MODAL.customId);
  errors.add([...at, 'type'], choices([TEXT_INPUT, ...SELECTS, FILE_UPLOAD]));
}

function checkTextInput(errors: FormErrors, path: Path, t: Json, ids: CustomIds): void {
  ids.check(errors, [...path, 'custom_id'], t.custom_id, MODAL.customId);
  if (t.style !== 1 && t.style !== 2)
    errors.add([...path, 'style'], { code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {1, 2}.' });
  checkText(errors, [...path, 'placeholder'], t.placeholder, MODAL.placeholder);
  const range = (key: 'min_length' | 'max_length', min: number) => {
    const v = t[key];
    if (v === undefined) return;
    if (Number(v) < min) errors.add([...path, key], numberMin(min));
    if (Number(v) > MODAL.inputLength) errors.add([...path, key], numberMax(MODAL.inputLength));
  };
  range('min_length', 0);
  range('max_length', 1);
  if (t.min_length !== undefined && t.max_length !== undefined && Number(t.min_length) > Number(t.max_length))
    errors.add([...path, 'min_length'], numberMax(Number(t.max_length)));
  const cap = Math.min(MODAL.inputLength, t.max_length === undefined ? MODAL.inputLength : Number(t.max_length));
  if (typeof t.value === 'string' && t.value.length > cap) errors.add([...path, 'value'], maxLength(cap));
}
