import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanCsvFile } from '../adapters/csv/clean-csv-file';
import { loadCleanedFile } from '../adapters/csv/load-cleaned-file';
import { writeRawCsv } from '../adapters/csv/write-raw-csv';
import { shellAccount } from '../adapters/shell/shell-account';
import { linkIdentity } from '../core/auth/identities';
import { generateRawRows } from '../core/cleaning/generator';
import { Prng } from '../core/cleaning/prng';
import type { DeskDeps } from '../core/desk/desk-deps';
import type { Actor } from '../core/domain/actor';
import type { Role } from '../core/domain/roles';
import { claimQuery } from '../core/queries/claim-query';
import { closeQuery } from '../core/queries/close-query';
import { createQuery } from '../core/queries/create-query';
import { reassignQuery } from '../core/queries/reassign-query';
import { addUser } from '../core/users/manage-users';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_ACCOUNTS: readonly { username: string; role: Role; displayName: string; mobile: string }[] = [
  { username: 'ann', role: 'agent', displayName: 'Ann', mobile: '9000000101' },
  { username: 'ben', role: 'agent', displayName: 'Ben', mobile: '9000000102' },
  { username: 'lee', role: 'lead', displayName: 'Lee', mobile: '9000000103' },
  { username: 'zoe', role: 'client', displayName: 'Zoe', mobile: '9000000104' },
];

export interface DemoOptions {
  rows?: number;
  seed?: number;
}

export interface DemoSummary {
  queries: number;
  /** Whether sample data was loaded now (false: the store already had queries). */
  loaded: boolean;
  claimed: number;
  closed: number;
  assigned: number;
  /** Zoe's own queries: one closed and waiting for her rating, one open. */
  zoe: { closed: number; open: number } | null;
}

const HOUR = 3_600_000;
/** Background fill-in: nobody to notify about changes made to history. */
const quiet = { enqueue: async () => undefined };

/**
 * Makes a store ready to try: sample data when it is empty (generated, cleaned and loaded through the
 * same pipeline as `cqms data`), the demo accounts, their shell identities, and agent activity on some
 * imported queries so the analytics have agents. Running it again only re-links the accounts.
 */
export async function prepareDemo(deps: DeskDeps, opts: DemoOptions = {}): Promise<DemoSummary> {
  const before = (await deps.store.queries.list({}, { limit: 1, offset: 0 })).total;
  if (before === 0) await loadSample(deps, opts.rows ?? 2000, opts.seed ?? 42);
  const actors = new Map<string, Actor>();
  for (const a of DEMO_ACCOUNTS) {
    const existing = (await deps.store.users.findByLogin({ username: a.username }))[0];
    const user =
      existing ??
      (await addUser(deps, 'operator', { ...a, email: `${a.username}@demo.example.com`, password: DEMO_PASSWORD }));
    await linkIdentity(deps, shellAccount(a.username), user.id);
    actors.set(a.username, { userId: user.id, username: user.username, role: user.role, platform: 'shell' });
  }
  const activity =
    before === 0
      ? await fillInActivity(deps, actors, opts.seed ?? 42)
      : { claimed: 0, closed: 0, assigned: 0, zoe: null };
  const queries = (await deps.store.queries.list({}, { limit: 1, offset: 0 })).total;
  return { queries, loaded: before === 0, ...activity };
}

async function loadSample(deps: DeskDeps, rows: number, seed: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cqms-demo-'));
  try {
    const raw = join(dir, 'raw.csv');
    const cleaned = join(dir, 'cleaned.csv');
    await writeRawCsv(raw, generateRawRows({ rows, seed, categories: deps.config.categories }));
    await cleanCsvFile({ input: raw, output: cleaned, rejects: join(dir, 'rejects.csv') });
    await loadCleanedFile({ ...deps, jobs: quiet, silent: true }, cleaned);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Agents claim and close some open imported queries, the lead assigns some in progress, each at a plausible time. */
async function fillInActivity(deps: DeskDeps, actors: Map<string, Actor>, seed: number) {
  const r = new Prng(seed);
  const at = (t: number): DeskDeps => ({ ...deps, jobs: quiet, silent: true, clock: { now: () => new Date(t) } });
  const [ann, ben, lee, zoe] = ['ann', 'ben', 'lee', 'zoe'].map((n) => actors.get(n) as Actor) as [
    Actor,
    Actor,
    Actor,
    Actor,
  ];
  const done = { claimed: 0, closed: 0, assigned: 0 };
  const open = (await deps.store.queries.list({ status: ['Open'] }, { limit: 200, offset: 0 })).rows;
  for (const q of open.filter((_, i) => i % 4 === 1).slice(0, 40)) {
    const agent = r.chance(0.55) ? ann : ben;
    const claimedAt = q.createdAt.getTime() + (0.5 + r.next() * 24) * HOUR;
    await claimQuery(at(claimedAt), agent, q.id);
    done.claimed++;
    if (r.chance(0.7)) {
      await closeQuery(at(claimedAt + (1 + r.next() * 96) * HOUR), agent, { queryId: q.id, note: r.pick(NOTES) });
      done.closed++;
    }
  }
  const unassigned = (
    await deps.store.queries.list({ status: ['In Progress'] }, { limit: 100, offset: 0 })
  ).rows.filter((q) => q.assigneeId === null);
  for (const q of unassigned.slice(0, 20)) {
    await reassignQuery(
      at(q.createdAt.getTime() + (1 + r.next() * 48) * HOUR),
      lee,
      q.id,
      r.pick([ann, ben, lee]).userId,
    );
    done.assigned++;
  }
  return { ...done, zoe: await zoesQueries(deps, at, zoe, ann) };
}

async function zoesQueries(deps: DeskDeps, at: (t: number) => DeskDeps, zoe: Actor, ann: Actor) {
  const now = deps.clock.now().getTime();
  const category = (name: string) =>
    deps.config.categories.find((c) => c === name) ?? (deps.config.categories[0] as string);
  const billed = await createQuery(at(now - 72 * HOUR), zoe, {
    category: category('Billing Problem'),
    heading: 'Charged twice for November',
    description: 'My card shows two charges of the same amount on the 3rd.',
  });
  await claimQuery(at(now - 70 * HOUR), ann, billed.query.id);
  await closeQuery(at(now - 60 * HOUR), ann, {
    queryId: billed.query.id,
    note: 'Refunded the second charge; it shows in 3-5 working days.',
  });
  const otp = await createQuery(at(now - 5 * HOUR), zoe, {
    category: category('Login Issue'),
    heading: 'OTP never arrives',
    description: 'Tried three times since this morning.',
  });
  return { closed: billed.query.id, open: otp.query.id };
}

const NOTES = [
  'Refund issued to the original card.',
  'Reset the account and confirmed with the client.',
  'Fixed in the latest release.',
  'Explained the charge; the client agreed.',
  'Duplicate payment reversed.',
];

/** What `cqms demo` prints before the first prompt: who to be, and what to try. */
export function demoBanner(where: string, s: DemoSummary): string[] {
  return [
    `CQMS demo on ${where}: ${s.queries.toLocaleString('en-US')} queries${s.loaded ? ` (sample data just loaded; ${s.claimed} claimed, ${s.closed} closed and ${s.assigned} assigned by the demo staff)` : ''}.`,
    `Demo accounts, all with the password ${DEMO_PASSWORD}: agents ann and ben, lead lee, client zoe.`,
    'Be one of them with /as (already signed in):',
    `  /as zoe   the client: \`new\` raises a query (a form, field by field), \`mine\`, \`stats\`${s.zoe ? `, \`show ${s.zoe.closed}\` to rate` : ''}`,
    `  /as ann   an agent:   \`queue\`, \`show ${s.zoe ? s.zoe.open : '<id>'}\` then press 1 to claim, \`close <id>\``,
    '  /as lee   the lead:   `team` (charts written as PNG files), `sla`, `export status=Open`',
    'A number presses a button of the last reply; `help` lists your commands; /help, /quit.',
    '',
  ];
}
