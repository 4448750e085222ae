import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { importCycles, tsFiles, undeclaredImports } from './source-graph';

const ROOT = join(__dirname, '..', '..');
const PRODUCTION = ['core', 'adapters', 'bot', 'migrations'];
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const isTest = (f: string) => f.endsWith('.test.ts') || f.includes('/test/') || f.includes('/bench/');

describe('architecture: the module graph', () => {
  it('has no import cycle among the sources', () => {
    expect(importCycles(ROOT, tsFiles(ROOT, [...PRODUCTION, 'test', 'bench']))).toEqual([]);
  });

  it('imports only packages declared in package.json: production code from dependencies', () => {
    const files = tsFiles(ROOT, PRODUCTION).filter((f) => !isTest(f));
    expect(undeclaredImports(ROOT, files, new Set(Object.keys(pkg.dependencies)))).toEqual([]);
  });

  it('tests and benches from dependencies and devDependencies', () => {
    const files = tsFiles(ROOT, [...PRODUCTION, 'test', 'bench']).filter(isTest);
    expect(
      undeclaredImports(ROOT, files, new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)])),
    ).toEqual([]);
  });
});

describe('architecture checks catch what is planted', () => {
  let dir: string;
  const write = (rel: string, src: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), src);
  };
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cqms-arch-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds each cycle, a type-only one too, and leaves a chain alone', () => {
    write('core/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write('core/b.ts', "import { c } from './sub/c.js';\nexport const b = c;\n");
    write('core/sub/c.ts', "import { a } from '../a';\nexport const c = a;\n");
    write('core/d.ts', "import type { E } from './e';\nexport type D = E;\n");
    write('core/e.ts', "import { d } from './f';\nexport type E = typeof d;\n");
    write('core/f.ts', "import type { D } from './d';\nexport const d: D | null = null;\n");
    write('core/g.ts', "import { a } from './a';\nexport const g = a;\n");
    expect(importCycles(dir, tsFiles(dir, ['core'])).sort()).toEqual([
      ['core/a.ts', 'core/b.ts', 'core/sub/c.ts'],
      ['core/d.ts', 'core/e.ts', 'core/f.ts'],
    ]);
  });

  it('finds a package that is imported but not declared, by its package name', () => {
    write(
      'adapters/x.ts',
      "import { parse } from 'cron-parser';\nimport { z } from 'zod';\nimport { Client } from '@slack/web-api/dist/x';\nimport { join } from 'node:path';\nimport fs from 'fs';\nconst late = () => import('ioredis');\n",
    );
    expect(undeclaredImports(dir, tsFiles(dir, ['adapters']), new Set(['zod', 'ioredis']))).toEqual([
      'adapters/x.ts -> cron-parser',
      'adapters/x.ts -> @slack/web-api',
    ]);
  });
});
