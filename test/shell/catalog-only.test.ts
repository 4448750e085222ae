import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { shellAccount } from '../../adapters/shell/shell-account';
import { CATALOG, COMMAND_NAMES } from '../../core/commands/catalog';
import { commandsFor } from '../../core/conversation/help';
import type { Role } from '../../core/domain/roles';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { runScripted, STACK_TRACE } from './shell-harness';

const SHELL_DIR = join(__dirname, '..', '..', 'adapters', 'shell');
/** The shell's own words; everything else a user types belongs to the catalog. */
const SHELL_WORDS = ['/as', '/help', '/quit', '/exit', '/cancel', '/cqms'];

/** An event name given to an emitter (`rl.on('close', ...)`): a library's word, not a command. */
const isEventName = (node: ts.Node) =>
  ts.isCallExpression(node.parent) &&
  node.parent.arguments[0] === node &&
  ts.isPropertyAccessExpression(node.parent.expression) &&
  ['on', 'once', 'off', 'emit'].includes(node.parent.expression.name.text);

const isKindAccess = (e: ts.Node) => ts.isPropertyAccessExpression(e) && e.name.text === 'kind';
/** A view kind tested (`case 'stats':`, `v.kind === 'form'`): the view model's word, not a command. */
const isViewKind = (node: ts.Node) =>
  (ts.isCaseClause(node.parent) && isKindAccess(node.parent.parent.parent.expression)) ||
  (ts.isBinaryExpression(node.parent) && (isKindAccess(node.parent.left) || isKindAccess(node.parent.right)));

/** Every string and template text in a source file (read by the TypeScript parser), event names and view kinds aside. */
function stringLiterals(file: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) && !isEventName(node) && !isViewKind(node))
      found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true));
  return found;
}

/** The command column of each help table in a transcript, keyed by the table's title. */
function helpTables(out: string): string[][] {
  return [
    ...out.matchAll(/^Commands (?:for an? \w+|\(sign in to see more\))\n.*\n.*\n((?: {2}\S.*\n)+?) {2}page/gm),
  ].map((m) =>
    m[1]!
      .trimEnd()
      .split('\n')
      .map((l) => l.trim().split(/\s/)[0]!),
  );
}

describe('the command catalog is the only place a command is defined', () => {
  it('the shell sources hold no command table: no string literal names a catalog command', () => {
    const files = readdirSync(SHELL_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const literals = stringLiterals(join(SHELL_DIR, f));
      for (const lit of literals) {
        expect(`${f}: ${lit}`).not.toMatch(new RegExp(`: (${COMMAND_NAMES.join('|')})$`));
        for (const word of lit.match(/(?<![\w.])\/[a-z]+\b/g) ?? [])
          expect(`${f}: ${word}`).toMatch(new RegExp(`: (${SHELL_WORDS.join('|').replace(/\//g, '\\/')})$`));
      }
    }
  });

  describe('through the shell', () => {
    let ts: TestStore;
    let dir: string;
    let env: Record<string, string>;
    beforeAll(async () => {
      ts = await openTestStore('sqlite');
      dir = mkdtempSync(join(tmpdir(), 'cqms-catalog-'));
      env = { DATABASE_URL: ts.url, CQMS_CHARTS_DIR: join(dir, 'charts'), CQMS_EXPORTS_DIR: join(dir, 'exports') };
      const deps = testDesk(ts.store);
      for (const role of ['client', 'agent', 'lead'] as const) {
        const a = await makeActor(deps, role, `a-${role}`);
        await deps.store.identities.link({
          ...shellAccount(`a-${role}`),
          userId: a.userId,
          linkedAt: deps.clock.now(),
        });
      }
    });
    afterAll(async () => {
      await ts.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it("help lists exactly the catalog's commands for each role, in catalog order", async () => {
      const roles: (Role | null)[] = [null, 'client', 'agent', 'lead'];
      const run = await runScripted(['shell'], env, [
        ...roles.flatMap((r) => [`/as ${r ? `a-${r}` : 'nobody'}`, 'help']),
        '/help',
        '/quit',
      ]);
      const tables = helpTables(run.out);
      expect(tables).toHaveLength(5);
      roles.forEach((role, i) => expect(tables[i]).toEqual(commandsFor(role).map((c) => c.name)));
      expect(tables[4]).toEqual(tables[3]);
      expect(new Set(tables.flat())).toEqual(new Set(COMMAND_NAMES));
    });

    it('every catalog command typed in the shell reaches the desk, and nothing else is a command', async () => {
      const names = CATALOG.map((c) => c.name).filter((n) => n !== 'logout');
      const run = await runScripted(['shell', '--as', 'a-lead'], env, [
        ...names.flatMap((n) => [n, '/cancel']),
        'claimz',
        'logout',
        '/quit',
      ]);
      expect(run.out).not.toMatch(STACK_TRACE);
      for (const n of names) expect(run.out).not.toContain(`Unknown command "${n}"`);
      expect(run.out).toContain('Unknown command "claimz". Here is what you can run:');
      expect(run.out).toContain('Signed out: this chat account is no longer linked');
    });
  });
});
