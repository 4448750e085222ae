import { CATALOG } from '../commands/catalog';
import { audienceAllows, type CommandSpec } from '../commands/command-spec';
import type { Role } from '../domain/roles';
import { singlePageList, type ListView } from '../views/view-model';

/** `close <id> note=...`: positional options first, then named ones; optional ones in brackets. */
export function usageOf(spec: CommandSpec): string {
  const parts = spec.options.map((o) => {
    const shown = o.positional ? `<${o.name}>` : `${o.name}=...`;
    return o.required ? shown : `[${shown}]`;
  });
  return [spec.name, ...parts].join(' ');
}

/** The commands this caller may run; guests see how to sign in. */
export function commandsFor(role: Role | null): CommandSpec[] {
  return (CATALOG as readonly CommandSpec[]).filter((c) => (role === null ? c.audience === 'guest' : c.audience !== 'guest' || !['register', 'login'].includes(c.name)) && audienceAllows(c.audience, role));
}

export function helpView(role: Role | null, prefix = ''): ListView {
  const rows = commandsFor(role).map((c) => ({ cells: { command: `${prefix}${usageOf(c)}`, what: c.summary } }));
  return singlePageList(
    role ? `Commands for a ${role}` : 'Commands (sign in to see more)',
    [
      ['command', 'Command'],
      ['what', 'What it does'],
    ],
    rows,
    'No commands.',
  );
}
