import type { Json } from '../discord-ids';
import { checkChoices } from './check-commands';
import { checkMessage } from './check-message';
import { checkModal } from './check-modal';
import { FormErrors } from './form-errors';
import { invalidFormBody, type Refusal } from './refusals';

const MESSAGE = 4;
const DEFERRED_MESSAGE = 5;
const DEFERRED_UPDATE = 6;
const UPDATE_MESSAGE = 7;
const AUTOCOMPLETE = 8;
const MODAL = 9;

/**
 * POST /interactions/:id/:token/callback: the body for each callback type. An update (7) edits the message the
 * button sits on (`message`), which must not end up empty.
 */
export function checkCallback(body: Json, files: number, message: Json | undefined): Refusal | null {
  const data = (body.data ?? {}) as Json;
  const errors = new FormErrors();
  switch (body.type) {
    case MESSAGE:
      return checkMessage(data, { path: ['data'], files });
    case UPDATE_MESSAGE:
      return checkMessage(data, { path: ['data'], files, result: { ...message, ...data } });
    case DEFERRED_MESSAGE:
    case DEFERRED_UPDATE:
      return null;
    case AUTOCOMPLETE:
      checkChoices(errors, ['data', 'choices'], data.choices);
      break;
    case MODAL:
      checkModal(errors, ['data'], data);
      break;
    default:
      errors.add(['type'], {
        code: 'BASE_TYPE_CHOICES',
        message: 'Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.',
      });
  }
  return errors.empty ? null : invalidFormBody(errors);
}
