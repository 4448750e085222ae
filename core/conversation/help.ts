import { CATALOG } from '../commands/catalog';
import { audienceAllows, type CommandSpec } from '../commands/command-spec';
import type { Role } from '../domain/roles';
import { singlePageList, type ListView } from '../views/view-model';
import { withArticle } from '../views/words';
import type { Surface } from './surface';

/**
 * `close <id> note=...` (Discord: `close id:… note:…`): positional options first, then named ones; optional ones in brackets. Where the surface
 * shows forms, a command with a form lists only what its form does not ask (`close <id>`, `register`): its text,
 * and above all a password, is typed into the form, never into the command.
 */
export function usageOf(spec: CommandSpec, surface: Surface): string {
  const typed = surface.formNote && spec.form ? spec.options.filter((o) => o.positional) : spec.options;
  const parts = typed.map((o) => {
    const shown = surface.options === 'colon' ? `${o.name}:…` : o.positional ? `<${o.name}>` : `${o.name}=...`;
    return o.required ? shown : `[${shown}]`;
  });
  return `${surface.prefix}${[spec.name, ...parts].join(' ')}`;
}

/** The commands this caller may run; guests see how to sign in. */
export function commandsFor(role: Role | null): CommandSpec[] {
  return (CATALOG as readonly CommandSpec[]).filter(
    (c) =>
      (role === null ? c.audience === 'guest' : c.audience !== 'guest' || !['register', 'login'].includes(c.name)) &&
      audienceAllows(c.audience, role),
  );
}

export function helpView(role: Role | null, surface: Surface): ListView {
  const rows = commandsFor(role).map((c) => ({
    cells: {
      command: usageOf(c, surface),
      what: surface.formNote && c.form ? `${c.summary} (${surface.formNote})` : c.summary,
    },
  }));
  return singlePageList(
    role ? `Commands for ${withArticle(role)}` : 'Commands (sign in to see more)',
    [
      ['command', 'Command'],
      ['what', 'What it does'],
    ],
    rows,
    'No commands.',
  );
}
