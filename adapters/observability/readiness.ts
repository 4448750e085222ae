import { within } from '../../core/async/within';

/** One dependency the process needs to serve: the database, Redis. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  /** Each dependency: `ok`, or why it failed. */
  checks: Record<string, string>;
}

/** Runs every check at once, each bounded by `timeoutMs`: a dependency that hangs counts as down. */
export async function readiness(checks: readonly ReadinessCheck[], timeoutMs: number): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        await within(c.check(), timeoutMs, () => {
          throw new Error(`no answer within ${timeoutMs} ms`);
        });
        return [c.name, 'ok'] as const;
      } catch (e) {
        return [c.name, e instanceof Error ? e.message : String(e)] as const;
      }
    }),
  );
  return { ready: results.every(([, r]) => r === 'ok'), checks: Object.fromEntries(results) };
}
