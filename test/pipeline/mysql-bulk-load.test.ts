import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { loadCleanedFile } from '../../adapters/csv/load-cleaned-file';
import { MysqlBulkImport, type MysqlBulkImportOptions } from '../../adapters/storage/bulk-load/mysql-bulk-import';
import { dropSecondaryIndexes } from '../../adapters/storage/bulk-load/secondary-indexes';
import { clientDisplayName } from '../../adapters/storage/repos/bulk-import';
import { bulkImportQueries, type ImportRow } from '../../core/imports/import-queries';
import { T0, testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';

// Every load here is "large" for the policy, so the drop-and-rebuild path runs on a few rows.
const ALWAYS_DROP = { minRows: 1, maxExistingShare: 1, maxExisting: 1_000_000 };

const row = (ref: string, email: string, over: Partial<ImportRow> = {}): ImportRow => ({
  externalRef: ref,
  clientEmail: email,
  emailValid: true,
  mobile: '9876543210',
  mobileValid: true,
  category: 'Billing',
  description: `Query ${ref}`,
  status: 'Closed',
  createdAt: new Date('2025-01-01T00:00:00Z'),
  closedAt: new Date('2025-01-02T06:00:00Z'),
  ...over,
});

async function* batches(...groups: ImportRow[][]): AsyncGenerator<ImportRow[]> {
  for (const g of groups) yield g;
}

async function indexSet(t: TestStore): Promise<string> {
  const [rows] = await t.store.sequelize.query(
    `SELECT INDEX_NAME i, SEQ_IN_INDEX s, COLUMN_NAME c, NON_UNIQUE u FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'client_queries' ORDER BY i, s`,
  );
  return JSON.stringify(rows);
}

async function counts(t: TestStore): Promise<{ queries: number; users: number; stash: number }> {
  const [[r]] = (await t.store.sequelize.query(
    `SELECT (SELECT COUNT(*) FROM client_queries) queries, (SELECT COUNT(*) FROM users) users, (SELECT COUNT(*) FROM bulk_load_index_stash) stash`,
  )) as [{ queries: number; users: number; stash: number }[], unknown];
  return { queries: Number(r?.queries), users: Number(r?.users), stash: Number(r?.stash) };
}

async function load(
  t: TestStore,
  rows: AsyncIterable<ImportRow[]>,
  opts: MysqlBulkImportOptions,
  onProgress?: (done: number, total: number) => void,
) {
  const bulk = await MysqlBulkImport.open(t.store.sequelize, opts);
  try {
    return await bulkImportQueries(bulk, rows, T0, onProgress);
  } finally {
    await bulk.close();
  }
}

describe('MySQL set-based import', () => {
  let t: TestStore;
  let indexesBefore: string;
  beforeEach(async () => {
    t = await openTestStore('mysql');
    indexesBefore = await indexSet(t);
  });
  afterEach(() => t.dispose());

  describe.each([true, false])('staged with LOAD DATA LOCAL: %s', (localInfile) => {
    it('creates clients by email, keeps the first of a repeated id, stores text verbatim, and restores every index', async () => {
      await t.store.sequelize.query(
        "INSERT INTO users (username, email, display_name, role, failed_logins, created_at) VALUES ('asha', 'asha@example.com', 'Asha', 'client', 0, 0)",
      );
      const tricky = 'tab\there\nnew line\r\nback\\slash \\N "quoted", 😀 <b>@here</b>';
      const rows = [
        row('Q1', 'asha@example.com', { description: tricky }),
        row('Q2', 'ravi@example.com', { mobile: null, mobileValid: false, status: 'Open', closedAt: null }),
        row('Q1', 'other@example.com', { description: 'a later copy of Q1' }),
        row('Q3', 'ravi@example.com'),
      ];
      const first = await load(t, batches(rows.slice(0, 2), rows.slice(2)), {
        localInfile,
        dropIndexes: ALWAYS_DROP,
        chunkRows: 2,
      });
      expect(first).toMatchObject({ inserted: 3, skipped: 1, usersCreated: 1 });
      expect(first.rebuiltIndexes.length).toBeGreaterThan(0);
      expect(first.rebuiltIndexes).not.toContain('queries_client_created');
      expect(await indexSet(t)).toBe(indexesBefore);

      const q1 = await t.store.queries.findByExternalRef('Q1');
      expect(q1).toMatchObject({ description: tricky, heading: 'tab\there', resolutionMs: 30 * 3600_000 });
      const [asha] = await t.store.users.findByLogin({ email: 'asha@example.com' });
      expect(q1?.clientId).toBe(asha?.id);
      const [ravi] = await t.store.users.findByLogin({ email: 'ravi@example.com' });
      expect(ravi).toMatchObject({
        username: 'ravi@example.com',
        role: 'client',
        displayName: clientDisplayName('ravi@example.com'),
      });
      expect(await t.store.queries.findByExternalRef('Q2')).toMatchObject({
        clientId: ravi?.id,
        mobile: null,
        status: 'Open',
        closedAt: null,
        platform: 'import',
      });
      expect(await t.store.users.findByLogin({ email: 'other@example.com' })).toEqual([]);

      const before = await counts(t);
      const again = await load(t, batches(rows), { localInfile, dropIndexes: ALWAYS_DROP });
      expect(again).toEqual({ inserted: 0, skipped: 4, usersCreated: 0, rebuiltIndexes: [] });
      expect(await counts(t)).toEqual(before);
    });

    it('restores the indexes and keeps no row nor account when the import fails half-way; a second run loads it all', async () => {
      const rows = Array.from({ length: 6 }, (_, i) => row(`Q${i}`, `c${i}@example.com`));
      const failing = load(t, batches(rows), { localInfile, dropIndexes: ALWAYS_DROP, chunkRows: 2 }, (done) => {
        if (done === 2) throw new Error('interrupted after the first chunk');
      });
      await expect(failing).rejects.toThrow('interrupted after the first chunk');
      expect(await indexSet(t)).toBe(indexesBefore);
      expect(await counts(t)).toEqual({ queries: 0, users: 0, stash: 0 });

      const rest = await load(t, batches(rows), { localInfile, dropIndexes: ALWAYS_DROP });
      expect(rest).toMatchObject({ inserted: 6, skipped: 0, usersCreated: 6 });
      expect(await indexSet(t)).toBe(indexesBefore);
    });

    it('restores the indexes when the database refuses a write (an email already taken as a username)', async () => {
      await t.store.sequelize.query(
        "INSERT INTO users (username, email, display_name, role, failed_logins, created_at) VALUES ('ravi@example.com', 'ravi.k@example.com', 'Ravi', 'client', 0, 0)",
      );
      await expect(
        load(t, batches([row('Q1', 'ravi@example.com')]), { localInfile, dropIndexes: ALWAYS_DROP }),
      ).rejects.toThrow(/clashes with stored data: Duplicate entry 'ravi@example.com' for key 'username'/);
      expect(await indexSet(t)).toBe(indexesBefore);
      expect(await counts(t)).toEqual({ queries: 0, users: 1, stash: 0 });
    });

    it('writes nothing when the input fails while it is staged', async () => {
      async function* broken(): AsyncGenerator<ImportRow[]> {
        yield [row('Q1', 'a@example.com')];
        throw new Error('line 9: not a date');
      }
      await expect(load(t, broken(), { localInfile, dropIndexes: ALWAYS_DROP })).rejects.toThrow('line 9: not a date');
      expect(await counts(t)).toEqual({ queries: 0, users: 0, stash: 0 });
    });
  });

  it('cqms data load on MySQL: a bad value on the last line of the file leaves the store untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulk-bad-'));
    const file = join(dir, 'cleaned.csv');
    const good = (id: string) => `${id},a@b.co,true,9876543210,true,Billing,x,Open,2025-01-01T00:00:00.000Z,,`;
    const header =
      'query_id,client_email,email_valid,client_mobile,mobile_valid,query_heading,query_description,status,query_created_time,query_closed_time,resolution_hours';
    writeFileSync(file, [header, good('Q1'), good('Q2'), good('Q3').replace('Open', 'Pending')].join('\n'));
    try {
      await expect(loadCleanedFile(testDesk(t.store), file)).rejects.toThrow(/line 4, status: "Pending" is not one of/);
      expect(await counts(t)).toEqual({ queries: 0, users: 0, stash: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('index policy and recovery', () => {
    it('keeps the indexes when the table already holds more than the allowed share of the incoming rows', async () => {
      await load(t, batches([row('OLD1', 'a@example.com'), row('OLD2', 'a@example.com')]), { dropIndexes: false });
      const policy = { minRows: 1, maxExistingShare: 0.5, maxExisting: 1_000_000 };
      const three = await load(
        t,
        batches([row('N1', 'a@example.com'), row('N2', 'a@example.com'), row('N3', 'a@example.com')]),
        { dropIndexes: policy },
      );
      expect(three).toMatchObject({ inserted: 3, rebuiltIndexes: [] });
      const ten = await load(t, batches([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => row(`M${i}`, 'a@example.com'))), {
        dropIndexes: policy,
      });
      expect(ten.rebuiltIndexes.length).toBeGreaterThan(0);
      expect(await indexSet(t)).toBe(indexesBefore);
    });

    it('rebuilds indexes an import killed half-way left dropped, before the next import writes', async () => {
      const u = new URL(t.url);
      const conn = await mysql.createConnection({
        host: u.hostname,
        port: Number(u.port || 3306),
        user: u.username || 'root',
        database: u.pathname.slice(1),
      });
      try {
        const dropped = await dropSecondaryIndexes(conn, 'client_queries', T0);
        expect(dropped.length).toBeGreaterThan(0);
      } finally {
        await conn.end();
      }
      expect(await indexSet(t)).not.toBe(indexesBefore);
      expect((await counts(t)).stash).toBeGreaterThan(0);

      await load(t, batches([row('Q1', 'a@example.com')]), { dropIndexes: false });
      expect(await indexSet(t)).toBe(indexesBefore);
      expect((await counts(t)).stash).toBe(0);
    });
  });
});

it('SQLite has no set-based import: it keeps loading in batches', async () => {
  const t = await openTestStore('sqlite');
  try {
    expect(await t.store.openBulkImport()).toBeNull();
  } finally {
    await t.dispose();
  }
});
