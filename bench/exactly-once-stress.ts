import { loadavg } from 'node:os';
import { cardRace } from '../test/resilience/card-race-scenario';
import { DELIVERY_MS, emptyRedis, SWEEP_EVERY_MS } from '../test/worker/empty-redis-scenario';

/**
 * Runs the two exactly-once scenarios again and again, each from scratch (a MySQL database, a redis-server,
 * fakes and workers of its own): two real `cqms worker` processes racing a backlog of 10 queries' card jobs
 * (test/resilience/card-race-scenario.ts), and two workers whose Redis comes back empty
 * (test/worker/empty-redis-scenario.ts). Prints each run and the totals: duplicates, orphans, stale cards,
 * late alerts and digests. Usage: npx tsx bench/exactly-once-stress.ts [--runs N] (default 10).
 */
async function main(): Promise<void> {
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Number(process.argv[at + 1]) : 10;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number, at least 1');
  const total = { duplicates: 0, orphans: 0, stale: 0, lateAlerts: 0, lateDigests: 0, alertDuplicates: 0, failed: 0 };
  const alertDelays: number[] = [];
  console.log(`exactly-once stress: ${runs} runs of each scenario, load average ${loadavg()[0]!.toFixed(1)}`);
  for (let i = 1; i <= runs; i++) {
    try {
      const race = await cardRace(10);
      total.duplicates += race.duplicates;
      total.orphans += race.orphans;
      total.stale += race.stale;
      if (race.problems.length) total.failed += 1;
      console.log(
        `run ${i} card race: ${race.queries} queries, ${race.duplicates} duplicates, ${race.orphans} orphans, ${race.stale} stale; backlog done in ${race.drainedMs} ms${race.problems.length ? `; ${race.problems.join('; ')}` : ''}`,
      );
      const heal = await emptyRedis();
      total.lateAlerts += heal.lateAlerts;
      total.lateDigests += heal.lateDigests;
      total.alertDuplicates += heal.duplicates;
      if (heal.lateAlerts || heal.lateDigests || heal.duplicates) total.failed += 1;
      for (const [k, ms] of Object.entries(heal.delays)) if (k !== 'digest' && ms !== null) alertDelays.push(ms);
      console.log(
        `run ${i} empty Redis: ${heal.alerts} alerts, ${heal.digests} digest, ${heal.duplicates} duplicates, ${heal.lateAlerts} late alerts, ${heal.lateDigests} late digests; ms after due ${Object.entries(
          heal.delays,
        )
          .map(([k, ms]) => `${k.replace(/^slaAlert:\d+:/, '')}=${ms ?? 'never'}`)
          .join(' ')}`,
      );
    } catch (e) {
      total.failed += 1;
      console.log(`run ${i} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const worst = alertDelays.length ? Math.max(...alertDelays) : null;
  console.log(
    `runs ${runs}, failed runs ${total.failed}; card race: duplicates ${total.duplicates}, orphans ${total.orphans}, stale cards ${total.stale}; ` +
      `empty Redis: late alerts ${total.lateAlerts}, late digests ${total.lateDigests}, duplicate alerts or digests ${total.alertDuplicates}, slowest alert ${worst ?? '-'} ms after due (sweep every ${SWEEP_EVERY_MS} ms; late: over ${SWEEP_EVERY_MS + DELIVERY_MS} ms)`,
  );
  if (total.failed) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
