import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The TypeScript sources below `dirs` (relative to root), node_modules and dist left out. */
export function tsFiles(root: string, dirs: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : walk(p);
      return p.endsWith('.ts') ? [p] : [];
    });
  return dirs
    .map((d) => join(root, d))
    .filter(existsSync)
    .flatMap(walk);
}

export interface ImportSpec {
  spec: string;
}

export function importsOf(file: string): ImportSpec[] {
  const src = readFileSync(file, 'utf8');
  const out: ImportSpec[] = [];
  for (const m of src.matchAll(/^\s*(?:import|export)\s+[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm))
    out.push({ spec: m[1]! });
  for (const m of src.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push({ spec: m[1]! });
  for (const m of src.matchAll(/(?:\bimport|\brequire)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1]! });
  return out;
}

/** The source file a relative import names (`./x`, `./x.js`, `./dir` with an index), or null. */
export function resolveRelative(from: string, spec: string): string | null {
  const base = join(dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  return null;
}

/**
 * Cycles among the files' imports, type-only ones included (they load nothing, but a cycle of types still
 * ties two concepts into one), each as the sorted files of one strongly connected group, relative to root.
 */
export function importCycles(root: string, files: readonly string[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const f of files) {
    const targets = importsOf(f)
      .filter((i) => i.spec.startsWith('.'))
      .map((i) => resolveRelative(f, i.spec))
      .filter((t): t is string => t !== null);
    edges.set(f, targets);
  }
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (edges.get(v) ?? []).includes(v)) groups.push(group.map((g) => relative(root, g)).sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return groups;
}

const BUILTINS = new Set(builtinModules);

/** The package a bare import names: `@scope/name` or `name`, without a subpath. */
export function packageOf(spec: string): string | null {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]!))
    return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** `file -> package` for every package imported by the files but not among `declared`. */
export function undeclaredImports(root: string, files: readonly string[], declared: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const f of files) {
    for (const { spec } of importsOf(f)) {
      const pkg = packageOf(spec);
      if (pkg && !declared.has(pkg) && !declared.has(`@types/${pkg}`)) out.push(`${relative(root, f)} -> ${pkg}`);
    }
  }
  return out;
}
