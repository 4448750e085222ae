import {
  ComponentType,
  TextInputStyle,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
  type APITextDisplayComponent,
  type APITextInputComponent,
} from 'discord.js';
import type { FormField, FormView } from '../../core/views/view-model';
import { truncate } from './discord-text';
import { encodeFormRef } from './modal-id';

/** Discord's modal limits: 5 top-level components, labels of 45 characters, inputs of 4000. */
export const MODAL_MAX_COMPONENTS = 5;
const TITLE_MAX = 45;
const LABEL_MAX = 45;
const DESCRIPTION_MAX = 100;
const INPUT_MAX = 4000;

export interface ModalContext {
  categories: readonly string[];
  /** Values the command already gave (the category option): carried in the modal's id, not asked again. */
  presets?: { category?: string };
  /** A screenshot being downloaded while the modal is open. */
  uploadId?: string;
}

function input(f: FormField, value?: string): APITextInputComponent {
  const choices =
    f.type === 'select' && f.options?.length ? truncate(`One of: ${f.options.join(', ')}`, 100) : undefined;
  return {
    type: ComponentType.TextInput,
    custom_id: f.name,
    style: f.type === 'longtext' ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: f.required,
    ...(f.required ? { min_length: 1 } : {}),
    max_length: Math.min(f.maxLength ?? INPUT_MAX, INPUT_MAX),
    ...(choices ? { placeholder: choices } : {}),
    ...(value ? { value: truncate(value, Math.min(f.maxLength ?? INPUT_MAX, INPUT_MAX)) } : {}),
  };
}

function label(f: FormField, value?: string): APILabelComponent {
  const text = f.type === 'secret' ? `${f.label} (not masked)` : f.label;
  return {
    type: ComponentType.Label,
    label: truncate(text, LABEL_MAX),
    ...(f.hint ? { description: truncate(f.hint, DESCRIPTION_MAX) } : {}),
    component: input(f, value),
  };
}

/**
 * A core form as a Discord modal: a text display for the form's notice (chat forms do not mask passwords),
 * then one labelled text input per field. Files come as a command option and an answered category travels
 * in the modal's id, so neither is asked here. Throws when a form outgrows Discord's five components.
 */
export function modalFor(form: FormView, ctx: ModalContext): APIModalInteractionResponseCallbackData {
  const presetCategory = ctx.presets?.category;
  const categoryIndex =
    presetCategory === undefined
      ? -1
      : ctx.categories.findIndex((c) => c.toLowerCase() === presetCategory.toLowerCase());
  const asked = form.fields.filter((f) => f.type !== 'file' && !(f.name === 'category' && categoryIndex >= 0));
  const notice: APITextDisplayComponent[] = form.notice
    ? [{ type: ComponentType.TextDisplay, content: `⚠️ ${form.notice}` }]
    : [];
  const components = [...notice, ...asked.map((f) => label(f, f.name === 'category' ? presetCategory : undefined))];
  if (components.length > MODAL_MAX_COMPONENTS)
    throw new Error(
      `the ${form.formId} form has ${components.length} components; a Discord modal holds ${MODAL_MAX_COMPONENTS}`,
    );
  return {
    custom_id: encodeFormRef({
      formId: form.formId,
      ...(form.queryId ? { queryId: form.queryId } : {}),
      ...(categoryIndex >= 0 ? { categoryIndex } : {}),
      ...(ctx.uploadId ? { uploadId: ctx.uploadId } : {}),
    }),
    title: truncate(form.title, TITLE_MAX),
    components,
  };
}
