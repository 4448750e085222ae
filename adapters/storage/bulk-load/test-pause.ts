/**
 * TEST ONLY, inert unless CQMS_TEST_LOAD_PAUSE is set (test/resilience/killed-load.test.ts sets it): a load (on
 * SQLite only 'inserting', between batches) then announces each phase on stderr ("[test] load phase: inserting") and, at the phase the variable names, waits
 * to be killed, so a test can SIGKILL a real `cqms data load` at a known moment. Never set it in production.
 */
export type LoadPhase = 'staging' | 'inserting' | 'rebuilding';

export async function testPause(phase: LoadPhase): Promise<void> {
  const at = process.env.CQMS_TEST_LOAD_PAUSE;
  if (!at) return;
  process.stderr.write(`[test] load phase: ${phase}\n`);
  if (at === phase) await new Promise<never>(() => setInterval(() => undefined, 60_000));
}
