import type { Json } from '../discord-ids';
import { checkCount, checkText, type FormErrors, type Path } from './form-errors';
import { COMMAND, NAME_PATTERN } from './limits';

const SUBCOMMAND = 1;
const GROUP = 2;
const STRING = 3;
const CHAT_INPUT = 1;

function checkName(errors: FormErrors, path: Path, name: unknown): void {
  if (typeof name !== 'string') return checkText(errors, path, name, COMMAND.name, { required: true });
  if (!NAME_PATTERN.test(name))
    errors.add(path, { code: 'STRING_TYPE_REGEX', message: 'String value did not match validation regex.' });
  else if (name !== name.toLowerCase())
    errors.add(path, { code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
}

/** The body of PUT /applications/:id/commands (or a guild's): the whole list of commands. */
export function checkCommands(errors: FormErrors, body: unknown): void {
  const list = checkCount(errors, [], body, 200) as Json[];
  if (list.filter((c) => (c.type ?? CHAT_INPUT) === CHAT_INPUT).length > COMMAND.globalChatInput)
    errors.add([], {
      code: 'APPLICATION_COMMANDS_TOO_MANY',
      message: `Maximum number of application commands reached (${COMMAND.globalChatInput})`,
    });
  list.forEach((c, i) => {
    const chatInput = (c.type ?? CHAT_INPUT) === CHAT_INPUT;
    if (chatInput) checkName(errors, [i, 'name'], c.name);
    else checkText(errors, [i, 'name'], c.name, COMMAND.name, { required: true });
    if (chatInput) checkText(errors, [i, 'description'], c.description, COMMAND.description, { required: true });
    checkOptions(errors, [i, 'options'], c.options);
  });
}

/** Options of a command, subcommand or group: at most 25; subcommands and plain options never mixed; required first. */
function checkOptions(errors: FormErrors, path: Path, options: unknown): void {
  const list = checkCount(errors, path, options, COMMAND.options) as Json[];
  const nested = list.filter((o) => o.type === SUBCOMMAND || o.type === GROUP).length;
  let optionalSeen = false;
  list.forEach((o, i) => {
    const at = [...path, i];
    checkName(errors, [...at, 'name'], o.name);
    checkText(errors, [...at, 'description'], o.description, COMMAND.description, { required: true });
    const isNested = o.type === SUBCOMMAND || o.type === GROUP;
    if (nested > 0 && nested < list.length && !isNested)
      errors.add([...at, 'type'], {
        code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        message: 'Sub-command and sub-command group option types are mutually exclusive to all other types',
      });
    if (isNested) {
      if (o.type === GROUP && Array.isArray(o.options) && (o.options as Json[]).some((s) => s.type !== SUBCOMMAND))
        errors.add([...at, 'options'], {
          code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
          message: 'A sub-command group holds only sub-commands',
        });
      return checkOptions(errors, [...at, 'options'], o.options);
    }
    if (o.required === true && optionalSeen)
      errors.add(at, {
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    if (o.required !== true) optionalSeen = true;
    const choices = checkCount(errors, [...at, 'choices'], o.choices, COMMAND.choices) as Json[];
    if (choices.length && o.autocomplete === true)
      errors.add([...at, 'autocomplete'], {
        code: 'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE',
        message: 'Autocomplete cannot be set with choices',
      });
    choices.forEach((c, j) => {
      checkText(errors, [...at, 'choices', j, 'name'], c.name, COMMAND.choiceName, { required: true });
      if (o.type === STRING)
        checkText(errors, [...at, 'choices', j, 'value'], c.value, COMMAND.choiceString, { required: true });
    });
    if (o.type === STRING) {
      for (const [key, min] of [
        ['min_length', 0],
        ['max_length', 1],
      ] as const) {
        const v = o[key];
        if (v !== undefined && (Number(v) < min || Number(v) > COMMAND.stringOption))
          errors.add([...at, key], {
            code: 'NUMBER_TYPE_MAX',
            message: `int value should be between ${min} and ${COMMAND.stringOption}.`,
          });
      }
    }
  });
}

/** An autocomplete answer (callback type 8): at most 25 choices, names 1..100, string values up to 100. */
export function checkChoices(errors: FormErrors, path: Path, choices: unknown): void {
  const list = checkCount(errors, path, choices, COMMAND.choices) as Json[];
  list.forEach((c, i) => {
    checkText(errors, [...path, i, 'name'], c.name, COMMAND.choiceName, { required: true });
    if (typeof c.value === 'string') checkText(errors, [...path, i, 'value'], c.value, COMMAND.choiceString);
  });
}
