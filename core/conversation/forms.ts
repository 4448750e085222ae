import type { DeskConfig } from '../config/desk-config';
import { CATALOG } from './../commands/catalog';
import type { OptionSpec } from '../commands/command-spec';
import type { FormField, FormId, FormView } from '../views/view-model';

const UNMASKED =
  'Chat forms do not mask what you type. Your password is only checked (against a salted slow hash), never stored or logged in clear.';

const FORMS: Record<FormId, { command: string; title: string; submitLabel: string; notice?: string }> = {
  new: { command: 'new', title: 'Raise a query', submitLabel: 'Submit' },
  register: { command: 'register', title: 'Create your account', submitLabel: 'Register', notice: UNMASKED },
  login: { command: 'login', title: 'Sign in', submitLabel: 'Sign in', notice: UNMASKED },
  close: { command: 'close', title: 'Close query', submitLabel: 'Close query' },
  reply: { command: 'reply', title: 'Reply on query', submitLabel: 'Send' },
};

function field(o: OptionSpec, config: DeskConfig): FormField {
  const base = {
    name: o.name,
    label: o.name[0]!.toUpperCase() + o.name.slice(1),
    required: o.required,
    hint: o.description,
  };
  const max = o.maxLength !== undefined ? { maxLength: o.maxLength } : {};
  switch (o.type) {
    case 'category':
      return { ...base, type: 'select', options: config.categories };
    case 'text':
      return { ...base, type: 'longtext', ...max };
    case 'attachment':
      return {
        ...base,
        type: 'file',
        maxBytes: o.name === 'file' ? config.maxMessageFileBytes : config.maxScreenshotBytes,
      };
    case 'secret':
      return { ...base, type: 'secret', ...max };
    default:
      return { ...base, type: 'text', ...max };
  }
}

/** A form is the command's options as fields (the query id travels with the form, not as a field). */
export function formFor(id: FormId, config: DeskConfig, queryId?: number): FormView {
  const f = FORMS[id];
  const spec = CATALOG.find((c) => c.name === f.command);
  const options = (spec?.options ?? []) as readonly OptionSpec[];
  return {
    kind: 'form',
    formId: id,
    title: queryId ? `${f.title} #${queryId}` : f.title,
    submitLabel: f.submitLabel,
    fields: options.filter((o) => o.type !== 'query').map((o) => field(o, config)),
    ...(f.notice ? { notice: f.notice } : {}),
    ...(queryId ? { queryId } : {}),
  };
}

export function commandOfForm(id: FormId): string {
  return FORMS[id].command;
}
