import { Sequelize } from 'sequelize';
import { withoutStatementBound } from '../adapters/storage/connect';
import { openStore, type SequelizeStore } from '../adapters/storage/sequelize-store';
import type { Actor } from '../core/domain/actor';
import { makeActor, type TestDesk } from '../test/support/test-desk';
import { fillBenchData, type FillPlan } from './bench-data';

export interface BenchDb {
  store: SequelizeStore;
  /** Whether this run filled the database (false: it was reused). */
  filled: boolean;
  fillSeconds: number;
}

function admin(baseUrl: string): Sequelize {
  const u = new URL(baseUrl);
  return new Sequelize('', decodeURIComponent(u.username || 'root'), decodeURIComponent(u.password), {
    dialect: 'mysql',
    host: u.hostname,
    port: Number(u.port || 3306),
    logging: false,
  });
}

async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  const a = admin(baseUrl);
  try {
    await a.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await a.close();
  }
}

/** Index and column definitions of a database, as text: equal texts mean the same schema. */
async function schemaOf(db: Sequelize, name: string): Promise<string> {
  const [idx] = await db.query(
    `SELECT TABLE_NAME t, INDEX_NAME i, SEQ_IN_INDEX s, COLUMN_NAME c, NON_UNIQUE u FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA = :name ORDER BY t, i, s`,
    { replacements: { name } },
  );
  const [cols] = await db.query(
    `SELECT TABLE_NAME t, COLUMN_NAME c, COLUMN_TYPE y, IS_NULLABLE n FROM information_schema.COLUMNS
     WHERE TABLE_SCHEMA = :name ORDER BY t, ORDINAL_POSITION`,
    { replacements: { name } },
  );
  return JSON.stringify([idx, cols]);
}

/** The schema today's migrations build, read from a scratch database. */
async function currentSchema(baseUrl: string, probe: string): Promise<string> {
  await dropDatabase(baseUrl, probe);
  const store = await openStore(`${baseUrl}/${probe}`, { migrate: true });
  try {
    return await schemaOf(store.sequelize, probe);
  } finally {
    await store.close();
    await dropDatabase(baseUrl, probe);
  }
}

/**
 * Opens the benchmark database, refilling it when asked, when it holds another number of queries,
 * or when the migrations have changed since it was filled (an index added in 001 must be measured).
 */
export async function openBenchDb(
  baseUrl: string,
  name: string,
  plan: FillPlan,
  refill: boolean,
  log: (s: string) => void,
): Promise<BenchDb> {
  const want = await currentSchema(baseUrl, `${name}_probe`);
  let store = await openStore(`${baseUrl}/${name}`, { migrate: true, poolMax: 10 });
  const [[row]] = (await store.sequelize.query('SELECT COUNT(*) AS n FROM client_queries')) as [
    { n: number }[],
    unknown,
  ];
  const sameSchema = (await schemaOf(store.sequelize, name)) === want;
  if (!refill && sameSchema && Number(row?.n) === plan.rows) return { store, filled: false, fillSeconds: 0 };
  log(
    `filling ${name} with ${plan.rows} queries (${refill ? '--refill' : !sameSchema ? 'schema changed' : `it held ${row?.n ?? 0}`})`,
  );
  await store.close();
  await dropDatabase(baseUrl, name);
  store = await openStore(`${baseUrl}/${name}`, { migrate: true, poolMax: 10 });
  const t0 = performance.now();
  // A fill is a bulk load: its statements (the index rebuild above all) are long, never cut as an outage.
  await withoutStatementBound(store.sequelize, () => fillBenchData(store, plan, log));
  return { store, filled: true, fillSeconds: (performance.now() - t0) / 1000 };
}

/** The lead who asks for team analytics: created once, found again on reuse. */
export async function benchLead(deps: TestDesk): Promise<Actor> {
  const [found] = await deps.store.users.findByLogin({ username: 'bench_lead' });
  if (found) return { userId: found.id, username: found.username, role: found.role, platform: 'shell' };
  return makeActor(deps, 'lead', 'bench_lead');
}
