import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CATALOG, findCommand } from '../../core/commands/catalog';
import { audienceAllows } from '../../core/commands/command-spec';
import { parseArgs, tokenize } from '../../core/commands/parse-command-line';
import { Desk } from '../../core/conversation/desk';
import type { Conversation } from '../../core/conversation/conversation';
import type { Actor } from '../../core/domain/actor';
import { ValidationFailed } from '../../core/errors';
import { TINY_PNG } from '../support/png';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { runScripted, STACK_TRACE } from '../shell/shell-harness';
import { expectNoLeak, expectTyped, fuzz, hostileText, replayable, watchRejections } from './hostile-support';
import { SURFACES } from '../../core/conversation/surface';

const VALUES = fc.oneof(
  hostileText(12),
  fc.constantFrom(
    'abc',
    ' ',
    '',
    '0',
    '-1',
    '1.5',
    '1e309',
    '42',
    '#1',
    '99999999999999999999',
    '2026-02-30',
    '2026-03-01',
    'Open',
    'Bug Report',
    'day',
    '6',
  ),
);
/** A typed line: a command (or a near miss), then its own options named or in place with odd values, quotes, hostile words. */
const ROLES = [null, 'client', 'agent', 'lead'] as const;
/** Who says it (an index into ROLES) and the line. */
const said = fc.oneof(
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 3 }), hostileText(40)) },
  {
    weight: 6,
    arbitrary: fc.constantFrom(...CATALOG).chain((spec) =>
      fc
        .tuple(
          // Mostly someone the command is for, so the line reaches its checks; sometimes anyone.
          fc.oneof(
            {
              weight: 4,
              arbitrary: fc.constantFrom(...ROLES.flatMap((r, i) => (audienceAllows(spec.audience, r) ? [i] : [])), 0),
            },
            { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) },
          ),
          fc.constantFrom(spec.name, `/cqms ${spec.name.toUpperCase()}`, `${spec.name}x`),
          fc.array(
            fc.oneof(
              VALUES.map((v) => JSON.stringify(v)),
              fc
                .tuple(fc.constantFrom(...spec.options.map((o) => o.name), 'x'), VALUES)
                .map(([k, v]) => `${k}=${JSON.stringify(v)}`),
              fc.constantFrom('--note', 'note=', '"unclosed', "'x y'", '--'),
            ),
            { maxLength: 4 },
          ),
        )
        .map(([who, cmd, rest]): [number, string] => [who, [cmd, ...rest].join(' ')]),
    ),
  },
);
const line = said.map(([, text]) => text);

describe('shell lines under fuzzing', () => {
  const rejections = watchRejections();
  afterAll(() => rejections.stop());

  it('tokenize and parse any line into arguments or a field error naming the problem', () => {
    fc.assert(
      fc.property(fc.oneof(line, hostileText(120)), (text) => {
        try {
          const [name, ...rest] = tokenize(text);
          const spec = name ? findCommand(name.toLowerCase()) : undefined;
          if (spec)
            for (const [k, v] of Object.entries(parseArgs(spec, rest)))
              expect(typeof v === 'string' && spec.options.some((o) => o.name === k)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationFailed);
          for (const i of (e as ValidationFailed).issues) expect(i.message.length).toBeGreaterThan(5);
          expectNoLeak((e as Error).message);
        }
      }),
      fuzz(500),
    );
  });

  describe("through the Desk's runLine (SQLite)", () => {
    let ts: TestStore;
    let desk: Desk;
    const convs: Conversation[] = [];

    beforeAll(async () => {
      ts = await openTestStore('sqlite');
      const deps = testDesk(ts.store);
      desk = new Desk(deps);
      const actors: (Actor | null)[] = [null];
      for (const [name, role] of [
        ['zoe', 'client'],
        ['ann', 'agent'],
        ['lee', 'lead'],
      ] as const)
        actors.push(await makeActor(deps, role, name));
      for (const actor of actors)
        convs.push({
          account: { platform: 'shell', workspaceId: '', platformUserId: actor?.username ?? 'guest' },
          actor,
          surface: SURFACES.shell,
        });
      await desk.runLine(convs[1]!, 'help');
    });
    afterAll(() => ts?.dispose());

    it('answers any line from any role with a reply or a typed error, never a leak', async () => {
      const params = fuzz<[[number, string]]>(400);
      await fc.assert(
        fc.asyncProperty(said, async ([who, text]) => {
          try {
            expectNoLeak(JSON.stringify(await desk.runLine(convs[who]!, text)).replace(/\\n/g, '\n'));
          } catch (e) {
            expectTyped(e);
          }
        }),
        params,
      );
      rejections.none();
    }, 60_000);
  });

  describe('through the shell (runCli with a scripted stdin)', () => {
    let ts: TestStore;
    let dir: string;
    let env: Record<string, string>;

    beforeAll(async () => {
      ts = await openTestStore('sqlite');
      dir = mkdtempSync(join(tmpdir(), 'cqms-hostile-shell-'));
      env = { DATABASE_URL: ts.url, CQMS_CHARTS_DIR: join(dir, 'charts'), CQMS_EXPORTS_DIR: join(dir, 'exports') };
      await makeActor(testDesk(ts.store), 'client', 'zoe');
    });
    afterAll(async () => {
      await ts?.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs a session of fuzzed lines to the end, printing no stack trace', async () => {
      const params = fuzz<string>(60);
      // Lines that would open a form are answered by the next fuzzed lines; /cancel ends any form left open.
      const lines = fc.sample(line, params).flatMap((l) => [l.replace(/^\/(quit|exit)\b/, ''), '/cancel']);
      await replayable(params, async () => {
        const run = await runScripted(['shell', '--as', 'zoe'], env, [
          '/as zoe',
          'login',
          'zoe',
          'correct horse battery',
          ...lines,
          '/quit',
        ]);
        expect(run.err).toEqual([]);
        expect(run.code).toBe(0);
        expect(run.out).not.toMatch(STACK_TRACE);
        expectNoLeak(run.out.replace(new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), '<dir>'));
      });
    }, 60_000);

    it('judges a screenshot path by its bytes and its size, asking again only for the screenshot', async () => {
      const png = join(dir, 'notes.txt');
      const html = join(dir, 'page.png');
      const big = join(dir, 'big.png');
      const fifo = join(dir, 'shot.fifo');
      execFileSync('mkfifo', [fifo]);
      writeFileSync(png, TINY_PNG);
      writeFileSync(html, '<!doctype html><p>not an image</p>');
      const bytes = Buffer.alloc(5 * 1024 * 1024 + 1);
      bytes.set(TINY_PNG);
      writeFileSync(big, bytes);
      const raise = (heading: string, ...shots: string[]) => ['new', '1', heading, 'It crashes', '', ...shots];
      const run = await runScripted(['shell', '--as', 'zoe'], env, [
        'login',
        'zoe',
        'correct horse battery',
        ...raise('png named txt', png),
        ...raise('html then device then pipe then big then fixed', html, '/dev/zero', fifo, big, dir, png),
        '/quit',
      ]);
      expect(run).toMatchObject({ code: 0, err: [] });
      const out = run.out;
      // Stored under the type its bytes are, re-encoded.
      expect(out).toMatch(/✓ Query #1 raised with screenshot notes\.png/);
      expect(out).toMatch(
        /✗ screenshot: the file is not a PNG, JPEG, GIF or WebP image\s*\nPlease answer again: Screenshot\./,
      );
      expect(out).toContain(
        `✗ "/dev/zero" is not a regular file (a pipe, device or socket); give the path of an image file`,
      );
      // A named pipe with no writer is refused at once: opening it used to wait for ever.
      expect(out).toContain(
        `✗ "${fifo}" is not a regular file (a pipe, device or socket); give the path of an image file`,
      );
      expect(out).toContain(`✗ "${big}" is 5.1 MB; the limit is 5.0 MB`);
      expect(out).toContain(`✗ cannot read "${dir}": it is a directory`);
      // Heading and description were asked once: only the screenshot was asked again.
      expect(out.match(/Heading \(/g)).toHaveLength(2);
      expect(out).toMatch(/✓ Query #2 raised with screenshot notes\.png/);
      const [, second] = (await ts.store.queries.list({}, { limit: 10, offset: 0 })).rows.sort((a, b) => a.id - b.id);
      expect(second).toMatchObject({ heading: 'html then device then pipe then big then fixed' });
    }, 60_000);
  });
});
