import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const FORBIDDEN_IN_CORE =
  /^(discord\.js|@discordjs\/|@slack\/|sequelize|mysql2|sqlite3|umzug|bullmq|ioredis|@napi-rs\/|quickchart-js|chart\.js|@node-rs\/|pino|prom-client|commander|csv-parse|csv-stringify)/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('architecture: dependencies point inward', () => {
  const coreFiles = tsFiles(join(ROOT, 'core'));

  it('finds the core sources', () => {
    expect(coreFiles.length).toBeGreaterThan(20);
  });

  it.each(coreFiles.map((f) => [relative(ROOT, f)]))('%s imports no platform, database or adapter code', (rel) => {
    for (const spec of imports(join(ROOT, rel))) {
      expect(spec).not.toMatch(FORBIDDEN_IN_CORE);
      if (!spec.startsWith('.')) continue;
      const target = join(ROOT, rel, '..', spec);
      // Unit tests may use shared fixtures from test/support; production code stays inside core.
      const allowed = rel.endsWith('.test.ts')
        ? [join(ROOT, 'core'), join(ROOT, 'test', 'support')]
        : [join(ROOT, 'core')];
      expect(allowed.some((dir) => target.startsWith(dir))).toBe(true);
    }
  });

  it('keeps adapters off the entry points', () => {
    for (const f of tsFiles(join(ROOT, 'adapters'))) {
      for (const spec of imports(f)) expect(`${relative(ROOT, f)} -> ${spec}`).not.toMatch(/-> (\.\.\/)+bot\//);
    }
  });

  it('reads process.env only in bot/ and tests', () => {
    for (const f of [...coreFiles, ...tsFiles(join(ROOT, 'adapters'))].filter((f) => !f.endsWith('.test.ts'))) {
      expect(`${relative(ROOT, f)}: ${/process\.env/.test(readFileSync(f, 'utf8'))}`).toMatch(/: false$/);
    }
  });
});
