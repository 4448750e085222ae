/**
 * Sign-in answer times by case, with the production hasher (argon2id, 19 MiB, 2 passes): an unknown login, a wrong
 * password on an argon2id account, and a wrong password on a legacy SHA-256 account. Medians side by side and their
 * ratios: a case that answers faster tells an attacker which logins exist or which accounts are legacy.
 *
 *   npx tsx bench/login-timing-bench.ts [--rounds 150] [--engines sqlite,mysql]
 *
 * Each engine gets a fresh store (a temporary SQLite file; a MySQL database cqms_bench_login_<pid> on
 * BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306), dropped at the end. Every round signs in once per case,
 * in rotating order, each on a subject not tried before, so no answer is a lockout's quick refusal.
 */
import { CanvasImageCleaner } from '../adapters/images/canvas-image-cleaner';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { argon2Hasher } from '../adapters/crypto/argon2-hasher';
import { openStore } from '../adapters/storage/sequelize-store';
import { login } from '../core/auth/login';
import { DEFAULT_DESK_CONFIG } from '../core/config/desk-config';
import type { DeskDeps } from '../core/desk/desk-deps';
import { systemClock } from '../core/ports/clock';
import { addUser } from '../core/users/manage-users';
import { RecordingQueue } from '../test/support/test-desk';
import { dropMysqlDatabase } from '../test/support/test-stores';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '150' }, engines: { type: 'string', default: 'sqlite,mysql' } },
});
const ROUNDS = Number(args.rounds);
const WARMUP = 5;
const BASE = (process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const CASES = ['unknown user', 'wrong password', 'legacy account'] as const;
type Case = (typeof CASES)[number];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** One account of each kind per round (and the warm-up), so every attempt is its subject's first. */
async function seed(deps: DeskDeps, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const mobile = (k: number) => `9${String(100_000_000 + 2 * i + k)}`;
    await addUser(deps, 'operator', {
      username: `modern${i}`,
      email: `modern${i}@example.com`,
      mobile: mobile(0),
      password: `modern-password-${i}`,
    });
    const legacy = createHash('sha256').update(`legacy-password-${i}`).digest('hex');
    await addUser(deps, 'operator', {
      username: `legacy${i}`,
      email: `legacy${i}@example.com`,
      mobile: mobile(1),
      legacySha256: legacy,
    });
  }
}

async function attempt(deps: DeskDeps, c: Case, i: number): Promise<number> {
  const who = { 'unknown user': `nobody${i}`, 'wrong password': `modern${i}`, 'legacy account': `legacy${i}` }[c];
  const t0 = performance.now();
  const outcome = await login(deps, { login: who, password: 'not-the-password' }).then(
    () => 'signed in',
    (e: Error) => e.constructor.name,
  );
  const ms = performance.now() - t0;
  if (outcome !== 'InvalidCredentials') throw new Error(`${c}: expected a wrong-password answer, got ${outcome}`);
  return ms;
}

async function benchEngine(engine: 'sqlite' | 'mysql'): Promise<void> {
  const dir = engine === 'sqlite' ? mkdtempSync(join(tmpdir(), 'cqms-login-bench-')) : '';
  const db = `cqms_bench_login_${process.pid}`;
  const url = engine === 'sqlite' ? `sqlite:${join(dir, 'bench.db')}` : `${BASE}/${db}`;
  if (engine === 'mysql') await dropMysqlDatabase(db);
  const store = await openStore(url, { migrate: true });
  try {
    const deps: DeskDeps = {
      store,
      clock: systemClock,
      config: DEFAULT_DESK_CONFIG,
      hasher: argon2Hasher(),
      images: new CanvasImageCleaner(),
      jobs: new RecordingQueue(),
    };
    await seed(deps, ROUNDS + WARMUP);
    const times: Record<Case, number[]> = { 'unknown user': [], 'wrong password': [], 'legacy account': [] };
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      for (let k = 0; k < CASES.length; k++) {
        const c = CASES[(i + k) % CASES.length]!;
        const ms = await attempt(deps, c, i);
        if (i >= WARMUP) times[c].push(ms);
      }
    }
    const medians = CASES.map((c) => median(times[c]));
    console.log(`\n${engine}: ${ROUNDS} sign-ins per case, median answer time`);
    for (const [k, c] of CASES.entries()) console.log(`  ${c.padEnd(15)} ${medians[k]!.toFixed(2).padStart(7)} ms`);
    // Beside the ratio of medians, the median of the per-round ratios: the three cases of a round run back to back,
    // so a change in the machine's load during the run weighs on both sides of each ratio alike.
    console.log(`  ${'ratio'.padEnd(33)} of medians  paired`);
    for (let a = 0; a < CASES.length; a++) {
      for (let b = a + 1; b < CASES.length; b++) {
        const [x, y] = [times[CASES[a]!], times[CASES[b]!]];
        const paired = median(x.map((t, i) => t / y[i]!));
        console.log(
          `  ${`${CASES[a]} / ${CASES[b]}`.padEnd(33)} ${(medians[a]! / medians[b]!).toFixed(3).padStart(10)}  ${paired.toFixed(3)}`,
        );
      }
    }
    const spread = Math.max(...medians) / Math.min(...medians);
    console.log(`  slowest / fastest: ${spread.toFixed(3)} (${spread <= 1.2 ? 'within' : 'NOT within'} 20%)`);
  } finally {
    await store.close();
    if (engine === 'mysql') await dropMysqlDatabase(db);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // Other work on the machine moves single medians by several per cent: say how busy it was.
  console.log(`load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
  for (const engine of String(args.engines).split(',')) {
    if (engine !== 'sqlite' && engine !== 'mysql') throw new Error(`unknown engine ${engine}: sqlite or mysql`);
    await benchEngine(engine);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
