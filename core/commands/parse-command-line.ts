import { ValidationFailed } from '../errors';
import type { CommandSpec } from './command-spec';

/** Splits on whitespace, honouring "double" and 'single' quotes and backslash escapes inside double quotes. */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let cur = '';
  let inToken = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inToken = true;
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push(cur);
      cur = '';
      inToken = false;
    } else {
      cur += ch;
      inToken = true;
    }
  }
  if (quote) throw ValidationFailed.field('input', `a ${quote === '"' ? 'double' : 'single'} quote is not closed`);
  if (inToken) tokens.push(cur);
  return tokens;
}

/**
 * `claim 42`, `mine status=Open category="Bug Report"`, `close 42 --note "fixed"`: bare words fill the
 * positional options in order, the rest are named. Unknown or repeated options are errors, not ignored.
 */
export function parseArgs(spec: CommandSpec, tokens: readonly string[]): Record<string, string> {
  const args: Record<string, string> = {};
  const known = new Map(spec.options.map((o) => [o.name, o]));
  const positional = spec.options.filter((o) => o.positional);
  const check = (name: string) => {
    // An unknown name is the user's typo (`--"`, `--x`): the error is on the input, not on a field of that name.
    if (!known.has(name))
      throw ValidationFailed.field(
        'input',
        `"${spec.name}" has no option "${name}"; it takes: ${[...known.keys()].join(', ') || 'no options'}`,
      );
  };
  const set = (name: string, value: string) => {
    check(name);
    if (Object.hasOwn(args, name)) throw ValidationFailed.field(name, 'is given twice');
    args[name] = value;
  };
  let next = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const named = /^(?:--)?([a-z][a-z_-]*)=(.*)$/s.exec(t);
    if (named) {
      set(named[1] as string, named[2] as string);
    } else if (t.startsWith('--') && t.length > 2) {
      const name = t.slice(2);
      const value = tokens[i + 1];
      check(name);
      if (value === undefined) throw ValidationFailed.field(name, 'needs a value');
      set(name, value);
      i++;
    } else {
      const slot = positional[next++];
      if (!slot) throw ValidationFailed.field('input', `unexpected "${t}"; name it (for example note="...")`);
      if (slot.rest) {
        set(slot.name, tokens.slice(i).join(' '));
        break;
      }
      set(slot.name, t);
    }
  }
  return args;
}
