import type { SequelizeStore } from '../adapters/storage/sequelize-store';
import { DEFAULT_CATEGORIES } from '../core/config/categories';
import { readSeedRows } from '../test/support/seed-dataset';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 4000;

export interface FillPlan {
  rows: number;
  clients: number;
  agents: number;
  /** The benchmark's "now": queries are created over the `days` before it. */
  now: Date;
  days: number;
  seed: number;
}

/** mulberry32: a small seeded generator, so every fill of the same plan holds the same rows. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Per category: share of the traffic and the median hours of work after the claim.
const CATEGORY_MIX: Record<string, { weight: number; workHours: number }> = {
  'Account Suspension': { weight: 6, workHours: 20 },
  'Billing Problem': { weight: 14, workHours: 10 },
  'Bug Report': { weight: 16, workHours: 30 },
  'Data Export': { weight: 6, workHours: 16 },
  'Feature Request': { weight: 8, workHours: 44 },
  'Login Issue': { weight: 14, workHours: 3 },
  'Payment Failure': { weight: 10, workHours: 6 },
  'Subscription Cancellation': { weight: 6, workHours: 8 },
  'Technical Support': { weight: 14, workHours: 18 },
  'UI Feedback': { weight: 6, workHours: 26 },
};

const FIRST = ['Asha', 'Ravi', 'Meera', 'Karan', 'Priya', 'Arjun', 'Neha', 'Vikram', 'Sana', 'Rohan'];
const LAST = ['Rao', 'Iyer', 'Shah', 'Gupta', 'Nair'];
const NOTES = [
  'Fixed and confirmed with the client.',
  'Explained the steps; client confirmed.',
  'Refund issued.',
  'Escalated and resolved by engineering.',
];

/** Weighted choice by a precomputed table: O(1) a pick. */
function picker<T>(items: readonly T[], weight: (t: T, i: number) => number, random: () => number): () => T {
  const table: T[] = [];
  items.forEach((t, i) => {
    for (let k = Math.round(weight(t, i) * 100); k > 0; k -= 1) table.push(t);
  });
  return () => table[Math.floor(random() * table.length)] as T;
}

function descriptionsByCategory(): Map<string, string[]> {
  const by = new Map<string, string[]>(DEFAULT_CATEGORIES.map((c) => [c, [`${c}: please help.`]]));
  try {
    for (const r of readSeedRows()) by.get(r.query_heading)?.push(r.query_description.trim());
  } catch {
    // The seed dataset is optional here: generic descriptions do as well for timing.
  }
  return by;
}

/** Inserts users, agents and `plan.rows` queries in created order, with multi-row INSERTs two at a time. */
export async function fillBenchData(store: SequelizeStore, plan: FillPlan, log: (line: string) => void): Promise<void> {
  const db = store.sequelize;
  const q = (v: string) => db.escape(v);
  const random = rng(plan.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lognormal = (medianMs: number, sigma: number) => Math.round(medianMs * Math.exp(sigma * normal()));
  const nowMs = plan.now.getTime();
  const start = nowMs - plan.days * DAY;

  const userRows: string[] = [];
  for (let i = 1; i <= plan.agents; i += 1) {
    const name = `${FIRST[(i - 1) % FIRST.length]} ${LAST[Math.floor((i - 1) / FIRST.length) % LAST.length]} ${i}`;
    userRows.push(
      `(${q(`bench_agent_${i}`)}, ${q(`agent${i}@bench.example`)}, '7${String(i).padStart(9, '0')}', ${q(name)}, 'agent', 0, ${start})`,
    );
  }
  for (let i = 1; i <= plan.clients; i += 1) {
    userRows.push(
      `('bench_client_${i}', 'client${i}@bench.example', '8${String(i).padStart(9, '0')}', 'Client ${i}', 'client', 0, ${start})`,
    );
  }
  for (let i = 0; i < userRows.length; i += BATCH) {
    await db.query(
      `INSERT INTO users (username, email, mobile, display_name, role, failed_logins, created_at) VALUES ${userRows.slice(i, i + BATCH).join(',')}`,
    );
  }
  const [ids] = (await db.query(`SELECT id, role FROM users WHERE username LIKE 'bench\\_%' ORDER BY id`)) as [
    { id: number; role: string }[],
    unknown,
  ];
  const agentIds = ids.filter((r) => r.role === 'agent').map((r) => Number(r.id));
  const clientIds = ids.filter((r) => r.role === 'client').map((r) => Number(r.id));
  await db.query(
    `INSERT INTO support_agents (user_id, display_name, active, created_at)
     SELECT id, display_name, 1, created_at FROM users WHERE role = 'agent' AND username LIKE 'bench\\_%'`,
  );

  // Busier agents take more queries; each works at their own pace.
  const pickAgent = picker(agentIds, (_, i) => 1 / (1 + 0.04 * i), random);
  const pace = new Map(agentIds.map((id) => [id, Math.exp(0.25 * normal())]));
  const categories = Object.keys(CATEGORY_MIX);
  const pickCategory = picker(categories, (c) => CATEGORY_MIX[c]!.weight, random);
  const texts = new Map(
    [...descriptionsByCategory()].map(([c, ds]) => [
      c,
      ds.map((d) => ({ heading: q(d.slice(0, 120)), description: q(d) })),
    ]),
  );
  const notes = NOTES.map(q);

  // Traffic grows linearly from 1x to 2x over the period: created = start + span * F^-1(u), u ascending.
  const warp = (u: number) => (-1 + Math.sqrt(1 + 3 * u)) * (plan.days * DAY);
  const recentDays = 45;
  const recentShare =
    1 -
    (() => {
      const x = 1 - recentDays / plan.days;
      return (x + (x * x) / 2) / 1.5;
    })();
  const pOpen = 0.01 / recentShare;
  const pInProgress = 0.02 / recentShare;

  const rowSql = (i: number): string => {
    const created = start + Math.floor(warp((i + random()) / plan.rows));
    const age = nowMs - created;
    const category = pickCategory();
    const text = texts.get(category)!;
    const { heading, description } = text[Math.floor(random() * text.length)]!;
    const clientId = clientIds[Math.floor(random() * random() * clientIds.length)]!;
    const mobile = `8${String(clientId % 1e9).padStart(9, '0')}`;
    const platform = random() < 0.6 ? 'slack' : 'discord';
    const r = random();
    const status =
      age < recentDays * DAY && r < pOpen
        ? 'Open'
        : age < recentDays * DAY && r < pOpen + pInProgress
          ? 'In Progress'
          : 'Closed';
    let assignee = 'NULL',
      claimed = 'NULL',
      closed = 'NULL',
      note = 'NULL',
      resMs = 'NULL',
      frMs = 'NULL',
      updated = created;
    if (status !== 'Open') {
      const agent = pickAgent();
      let fr = lognormal(1.2 * HOUR, 1.0);
      if (fr >= age) fr = Math.floor(age * random() * 0.5);
      assignee = String(agent);
      claimed = String(created + fr);
      frMs = String(fr);
      updated = created + fr;
      if (status === 'Closed') {
        let work = lognormal(CATEGORY_MIX[category]!.workHours * HOUR * pace.get(agent)!, 1.1);
        if (fr + work > age) work = Math.floor((age - fr) * random());
        closed = String(created + fr + work);
        resMs = String(fr + work);
        note = notes[Math.floor(random() * notes.length)]!;
        updated = created + fr + work;
      }
    }
    return `(${clientId}, ${q(category)}, ${heading}, ${description}, '${mobile}', 1, '${status}', ${assignee}, '${platform}', ${created}, ${claimed}, ${closed}, ${note}, ${resMs}, ${frMs}, 0, ${updated})`;
  };

  const insert = (from: number, to: number) => {
    const values: string[] = [];
    for (let i = from; i < to; i += 1) values.push(rowSql(i));
    return db.query(
      `INSERT INTO client_queries (client_id, category, heading, description, mobile, mobile_valid, status, assignee_id, platform,
         created_at, claimed_at, closed_at, resolution_note, resolution_ms, first_response_ms, reopen_count, updated_at) VALUES ${values.join(',')}`,
    );
  };
  const t0 = Date.now();
  await withIndexesDeferred(store, 'client_queries', async () => {
    // Rows are built in order (the generator is sequential); two INSERTs are in flight while the next is built.
    const inFlight: Promise<unknown>[] = [];
    for (let from = 0; from < plan.rows; from += BATCH) {
      if (inFlight.length >= 2) await inFlight.shift();
      inFlight.push(insert(from, Math.min(plan.rows, from + BATCH)));
      if ((from / BATCH) % 50 === 49) log(`  ${from + BATCH} rows, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    await Promise.all(inFlight);
    log(`  rows in, ${((Date.now() - t0) / 1000).toFixed(1)} s; building indexes`);
  });
  await db.query('ANALYZE TABLE users, support_agents, client_queries');
}

/**
 * A bulk load's usual recipe: drop the table's secondary indexes, load, then build them all again in one
 * sorted pass. Faster than keeping them up to date row by row, and the indexes come out compact, as after
 * OPTIMIZE TABLE. The definitions are read from the table itself, so they stay exactly the migration's.
 */
async function withIndexesDeferred(store: SequelizeStore, table: string, load: () => Promise<void>): Promise<void> {
  const db = store.sequelize;
  const [indexes] = (await db.query(
    `SELECT INDEX_NAME AS i, MAX(NON_UNIQUE) AS u, GROUP_CONCAT(CONCAT('\`', COLUMN_NAME, '\`') ORDER BY SEQ_IN_INDEX) AS c
     FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = :table AND INDEX_NAME <> 'PRIMARY'
     GROUP BY INDEX_NAME`,
    { replacements: { table } },
  )) as [{ i: string; u: number; c: string }[], unknown];
  if (indexes.length === 0) return load();
  // An index that backs a foreign key can be dropped only with the checks off, on that one connection.
  const alter = (clauses: string[]) =>
    db.transaction(async (transaction) => {
      await db.query('SET SESSION foreign_key_checks = 0', { transaction });
      await db.query(`ALTER TABLE \`${table}\` ${clauses.join(', ')}`, { transaction });
      await db.query('SET SESSION foreign_key_checks = 1', { transaction });
    });
  await alter(indexes.map((x) => `DROP INDEX \`${x.i}\``));
  await load();
  await alter(indexes.map((x) => `ADD ${Number(x.u) === 0 ? 'UNIQUE ' : ''}INDEX \`${x.i}\` (${x.c})`));
}
