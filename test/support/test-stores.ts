import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequelize } from 'sequelize';
import { openStore, type SequelizeStore } from '../../adapters/storage/sequelize-store';

export type StoreKind = 'sqlite' | 'mysql';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'mysql'];

/** MySQL server for integration tests: a real one, never a mock. */
export const MYSQL_URL = (process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');

export interface TestStore {
  store: SequelizeStore;
  url: string;
  dispose(): Promise<void>;
}

/** A fresh, migrated store in its own SQLite file or MySQL database, dropped on dispose. */
export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cqms-test-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const store = await openStore(url, { migrate: true });
    return {
      store,
      url,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const db = `cqms_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = `${MYSQL_URL}/${db}`;
  const store = await openStore(url, { migrate: true, poolMax: 60 });
  return {
    store,
    url,
    async dispose() {
      await store.close();
      await dropMysqlDatabase(db);
    },
  };
}

export async function dropMysqlDatabase(db: string): Promise<void> {
  const u = new URL(MYSQL_URL);
  const admin = new Sequelize('', decodeURIComponent(u.username || 'root'), decodeURIComponent(u.password), {
    dialect: 'mysql',
    host: u.hostname,
    port: Number(u.port || 3306),
    logging: false,
  });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
  } finally {
    await admin.close();
  }
}
