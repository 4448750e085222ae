import type { FormField, FormView } from '../../core/views/view-model';
import { LIMITS, type InputBlock, type KnownBlock, type ModalView } from './block-kit';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';
import { FORM_CALLBACK_ID } from './parse-view-submission';
import { encodeMetadata } from './private-metadata';

/** Every input's action id; the block id is the field's name, so errors and values map back by name. */
export const INPUT_ACTION_ID = 'value';

/** The screenshot input takes images only (Slack checks the extension; core checks the bytes). */
export const IMAGE_FILETYPES = ['png', 'jpg', 'jpeg', 'gif', 'webp'];

/**
 * Slack's text inputs take at most 3,000 characters, core's description and resolution note 4,000. The rule: a
 * Slack form takes what Slack can (max_length 3,000, said in the hint), so what a user types is never cut after
 * the fact; `/cqms new description=...` keeps core's limit, and the card shortens what it cannot show.
 */
export function slackInputMax(coreMax: number): number {
  return Math.min(coreMax, LIMITS.inputLength);
}

/** A choice whose name fits an option's value travels as itself; a longer one as its place in the list. */
export function optionValue(choice: string, index: number): string {
  return choice.length <= LIMITS.optionValue ? choice : `#${index}`;
}

/** The choice a submitted option value stands for (see optionValue). */
export function choiceOf(value: string, choices: readonly string[]): string {
  const m = /^#(\d+)$/.exec(value);
  return m && !choices.includes(value) ? (choices[Number(m[1])] ?? value) : value;
}

const NOT_MASKED_HINT = 'Slack shows what you type here in clear; it is sent once, checked and never stored in clear.';

/**
 * A core form as a modal: a select for a choice list, a file input for a file, text inputs for the rest;
 * the form id, the query and the channel travel in private_metadata.
 */
export function modalOf(form: FormView, opts: { channelId?: string } = {}): ModalView {
  const blocks: KnownBlock[] = [];
  if (form.notice) blocks.push({ type: 'context', elements: [mrkdwn(`:warning: ${escapeMrkdwn(form.notice)}`)] });
  for (const f of form.fields) blocks.push(inputBlock(f));
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalSubmit),
    close: plain('Cancel', LIMITS.modalSubmit),
    private_metadata: encodeMetadata({
      formId: form.formId,
      ...(form.queryId ? { queryId: form.queryId } : {}),
      ...(opts.channelId ? { channelId: opts.channelId } : {}),
    }),
    blocks,
  };
}

function inputBlock(f: FormField): InputBlock {
  const capped = f.maxLength !== undefined && slackInputMax(f.maxLength) < f.maxLength;
  const notes = [
    f.hint,
    capped ? `At most ${LIMITS.inputLength.toLocaleString('en')} characters in this form (Slack's limit)` : undefined,
    f.type === 'secret' ? NOT_MASKED_HINT : undefined,
  ];
  const hint = notes.filter(Boolean).join('. ');
  return {
    type: 'input',
    block_id: f.name,
    optional: !f.required,
    label: plain(f.type === 'secret' ? `${f.label} (not masked)` : f.label, LIMITS.label),
    ...(hint ? { hint: plain(hint, LIMITS.hint) } : {}),
    element: elementOf(f),
  };
}

function elementOf(f: FormField): InputBlock['element'] {
  switch (f.type) {
    case 'select':
      return {
        type: 'static_select',
        action_id: INPUT_ACTION_ID,
        placeholder: plain(`Choose ${f.label.toLowerCase()}`, LIMITS.placeholder),
        options: (f.options ?? [])
          .slice(0, LIMITS.selectOptions)
          .map((o, i) => ({ text: plain(o, LIMITS.optionText), value: optionValue(o, i) })),
      };
    case 'file':
      return { type: 'file_input', action_id: INPUT_ACTION_ID, filetypes: IMAGE_FILETYPES, max_files: 1 };
    default:
      return {
        type: 'plain_text_input',
        action_id: INPUT_ACTION_ID,
        multiline: f.type === 'longtext',
        ...(f.maxLength ? { max_length: slackInputMax(f.maxLength) } : {}),
      };
  }
}
