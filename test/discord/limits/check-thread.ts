import type { Json } from '../discord-ids';
import { checkText, FormErrors, type FieldError } from './form-errors';
import { THREAD } from './limits';
import { invalidFormBody, type Refusal } from './refusals';

const notAChoice = (allowed: readonly number[]): FieldError => ({
  code: 'BASE_TYPE_CHOICES',
  message: `Value must be one of {${allowed.join(', ')}}.`,
});

/** Start Thread from Message's body: a name of 1-100 characters, an archive duration Discord offers. */
export function checkThread(body: Json): Refusal | null {
  const errors = new FormErrors();
  checkText(errors, ['name'], body.name, THREAD.name, { required: true });
  const minutes = body.auto_archive_duration;
  if (minutes !== undefined && !(THREAD.autoArchiveMinutes as readonly unknown[]).includes(minutes))
    errors.add(['auto_archive_duration'], notAChoice(THREAD.autoArchiveMinutes));
  return errors.empty ? null : invalidFormBody(errors);
}
