/**
 * TEST ONLY, inert unless armed: `cqms data load` arms it from CQMS_TEST_LOAD_PAUSE (bot/cli/data-commands.ts),
 * which only test/resilience/killed-load.test.ts sets. Armed, a load (MySQL; on SQLite only 'inserting', between
 * batches) announces each phase on stderr ("[test] load phase: inserting") and, at the phase named, waits to be
 * killed, so a test can SIGKILL a real `cqms data load` at a known moment. Never set it in production.
 */
export type LoadPhase = 'staging' | 'inserting' | 'rebuilding';

let armed: string | undefined;

/** `at`: a phase to stop at, or any other text to only announce the phases; undefined or empty leaves it inert. */
export function armTestPause(at: string | undefined): void {
  armed = at || undefined;
}

export async function testPause(phase: LoadPhase): Promise<void> {
  if (!armed) return;
  process.stderr.write(`[test] load phase: ${phase}\n`);
  if (armed === phase) await new Promise<never>(() => setInterval(() => undefined, 60_000));
}
