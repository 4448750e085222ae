import fc from 'fast-check';
import { CqmsError, ValidationFailed } from '../../core/errors';

/**
 * fast-check settings for the fuzz suites: FUZZ_SEED replays a failing run (fast-check prints the seed and
 * the shrunk counterexample on failure), FUZZ_RUNS scales every suite's run count (0.1 for a quick pass).
 */
export function fuzz<T = unknown>(numRuns: number): fc.Parameters<T> & { seed: number } {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const scale = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1;
  return { numRuns: Math.max(1, Math.round(numRuns * scale)), seed };
}

/** Runs checks over values drawn with `fc.sample` (not `fc.assert`): a failure names the seed that replays it. */
export async function replayable<T>(params: { seed: number }, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Error) e.message = `${e.message}\n(replay with FUZZ_SEED=${params.seed})`;
    throw e;
  }
}

/** What a user must never read: a stack frame, an error class dump, a source path. */
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\n?\s{2,}at \S+/],
  [
    'an error class',
    /\b(TypeError|RangeError|SyntaxError|ReferenceError|ZodError|Sequelize\w*Error|AggregateError)\b|\bError: /,
  ],
  ['a source path', /(\/work\/|\/home\/|\/tmp\/|node_modules|\.tsx?:\d+|\.js:\d+)/],
  ['internal words', /\bundefined\b|\[object Object\]|\bNaN\b/],
  // zod's default messages name types, not fields: every user-facing check has its own message.
  [
    'a library default message',
    /Invalid input: expected|Too (small|big): expected|Invalid (option|string|element|key)\b/,
  ],
];

/** The first leak found in a reply's text (or a log reason's: internal words are fine there), or null. */
export function leakIn(text: string, where: 'reply' | 'log' = 'reply'): string | null {
  for (const [what, re] of where === 'reply' ? LEAKS : LEAKS.slice(0, 3)) {
    const m = re.exec(text);
    if (m) return `${what}: ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 60))}`;
  }
  return null;
}

export function expectNoLeak(text: string, where: 'reply' | 'log' = 'reply'): void {
  expect(leakIn(text, where)).toBeNull();
}

/** A failure a parser or command may end in: one of core's typed errors (anything else is a defect). */
export function expectTyped(e: unknown): void {
  if (!(e instanceof CqmsError)) throw e;
  expectNoLeak(e.message);
  // Specific: a validation error names each field and says more than "invalid".
  if (e instanceof ValidationFailed)
    for (const i of e.issues)
      expect(i).toEqual({ field: expect.stringMatching(/^\w+$/), message: expect.stringMatching(/\S.{8,}/) });
}

/** Collects unhandled rejections while a suite runs; `none()` fails with them. */
export function watchRejections(): { none(): void; stop(): void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  return {
    none: () => expect(seen.map((r) => (r instanceof Error ? `${r.name}: ${r.message}` : String(r)))).toEqual([]),
    stop: () => process.off('unhandledRejection', listener),
  };
}

/** Text built to break parsers: quotes, escapes, control and wide characters, JSON and markup fragments. */
export const hostileText = (maxLength = 60): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc
      .array(
        fc.constantFrom(
          '"',
          "'",
          '\\',
          ' ',
          '=',
          '--',
          '\u0000',
          '\n',
          '\r',
          '\t',
          '\u200b',
          '\ufeff',
          '#',
          '%',
          '&',
          '+',
          '{',
          '}',
          '[',
          ']',
          '<',
          '>',
          'é',
          '💥',
          '__proto__',
          'constructor',
          'claim',
          'new',
          '42',
          '-1',
          '1e309',
          'null',
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join('')),
  );

/** Any JSON value, with the shapes parsers meet: objects of objects, odd keys, huge and negative numbers. */
export const anyJson = (): fc.Arbitrary<unknown> => fc.jsonValue({ maxDepth: 4 });

type Path = (string | number)[];

function pathsOf(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (v !== null && typeof v === 'object')
    for (const [k, c] of Object.entries(v)) pathsOf(c, [...at, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<
    string | number,
    unknown
  >;
  if (rest.length === 0 && value === undefined) delete copy[head!];
  else copy[head!] = setAt(copy[head!], rest, value);
  return copy;
}

/**
 * A valid payload with one to three of its fields (or whole sub-objects) replaced by hostile values or
 * removed: close enough to pass the first checks, wrong where it hurts.
 */
export function mutated<T>(
  valid: T,
  value: fc.Arbitrary<unknown> = fc.oneof(anyJson(), hostileText(), fc.constant(undefined)),
): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid).filter((p) => p.length > 0);
  return fc
    .array(fc.tuple(fc.constantFrom(...paths), value), { minLength: 1, maxLength: 3 })
    .map((edits) => edits.reduce<unknown>((acc, [p, v]) => setAt(acc, p, v), valid));
}
