import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The cleaning rules are pure: no Node built-ins, no platform or database packages, no adapters.
describe('core/cleaning imports', () => {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it.each(files)('%s imports only core modules', (file) => {
    const source = readFileSync(join(__dirname, file), 'utf8');
    const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'|\brequire\('([^']+)'\)|\bimport\('([^']+)'\)/g)].map(
      (m) => m[1] ?? m[2] ?? m[3],
    );
    const insideCore = (s: string) => s.startsWith('./') || (s.startsWith('../') && !s.startsWith('../../'));
    const outside = specifiers.filter((s) => !insideCore(s ?? ''));
    expect(outside).toEqual([]);
  });
});
