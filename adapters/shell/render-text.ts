import type { ButtonView, FormField, FormView, StatsView, TextView, Tone } from '../../core/views/view-model';
import { toneColour, visible, type Paint } from './ansi';

const MARK: Partial<Record<Tone, string>> = { success: '✓ ', warning: '! ', danger: '✗ ' };

/** A message in its tone's colour, with a mark that survives when colours are off. */
export function renderText(view: TextView, paint: Paint): string[] {
  return visible(view.text)
    .split(/\r?\n/)
    .map((l, i) => paint(toneColour(view.tone), `${i === 0 ? (MARK[view.tone] ?? '') : '  '}${l}`));
}

export function renderStats(view: StatsView, paint: Paint): string[] {
  const width = Math.max(0, ...view.figures.map((f) => f.label.length));
  return [
    paint('bold', visible(view.title)),
    ...view.figures.map(
      (f) => `  ${`${f.label}:`.padEnd(width + 1)} ${f.flagged ? paint('red', visible(f.value)) : visible(f.value)}`,
    ),
  ];
}

/** The heading of a form filled field by field: its title, and its notice (e.g. that input is not masked). */
export function renderFormIntro(form: FormView, paint: Paint): string[] {
  const lines = [paint('bold', `${visible(form.title)}: answer each field (/cancel to stop).`)];
  if (form.notice) lines.push(paint('yellow', `! ${visible(form.notice)}`));
  return lines;
}

/** What is printed before a field is asked: its label, hint, limits, and the options of a select. */
export function renderFieldPrompt(field: FormField, paint: Paint): { lines: string[]; prompt: string } {
  const notes = [
    field.hint ? visible(field.hint) : null,
    field.maxLength !== undefined ? `at most ${field.maxLength} characters` : null,
    field.type === 'file' ? 'path to a file' : null,
    field.type === 'secret' ? 'input is NOT masked' : null,
    field.required ? null : 'optional, Enter to skip',
  ].filter((n): n is string => n !== null);
  const lines = [`${paint('bold', field.label)}${notes.length ? paint('dim', ` (${notes.join('; ')})`) : ''}`];
  if (field.type === 'select') (field.options ?? []).forEach((o, i) => lines.push(`  ${i + 1}) ${visible(o)}`));
  return {
    lines,
    prompt: field.type === 'select' ? `${field.label} [1-${field.options?.length ?? 0} or name]: ` : `${field.label}: `,
  };
}

/** The buttons of a reply, numbered for pressing: `[1] Claim  [2] Release`. */
export function renderButtons(buttons: readonly ButtonView[], paint: Paint): string[] {
  if (buttons.length === 0) return [];
  const colour = (b: ButtonView) => (b.style === 'danger' ? 'red' : b.style === 'primary' ? 'cyan' : null);
  return [buttons.map((b, i) => `${paint('bold', `[${i + 1}]`)} ${paint(colour(b), visible(b.label))}`).join('  ')];
}
