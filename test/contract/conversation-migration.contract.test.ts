import { QueryTypes } from 'sequelize';
import { finishInterruptedLoad } from '../../adapters/storage/bulk-load/interrupted-load';
import { migrator } from '../../adapters/storage/migrator';
import { storedQuery, storedUser } from '../support/store-fixtures';
import { T0 } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

// Migration 013 adds the conversation: queries raised before it read as having none, and down keeps every query
// and the files it was raised with (SQLite rebuilds attachments to drop message_id), with their cascade.
describe.each(STORE_KINDS)('migration 013 (conversation) on %s', (kind) => {
  let ts: TestStore;
  afterAll(() => ts?.dispose());

  it('gives earlier queries an empty conversation, and goes down and up again keeping queries and their files', async () => {
    ts = await openTestStore(kind);
    const { store } = ts;
    const client = await storedUser(store, 'client', 'mig');
    const sql = (text: string) => store.sequelize.query(text);
    const count = async (text: string) => Number(((await sql(text))[0] as { n: number }[])[0]?.n);
    const file = (queryId: number, filename: string) => ({
      queryId,
      filename,
      contentType: 'text/plain',
      data: new TextEncoder().encode(filename),
      sha256: 'y'.repeat(64),
      createdAt: T0,
    });

    await migrator(store.sequelize).down({ to: '013-conversation' });
    await sql(
      `INSERT INTO client_queries (client_id, category, heading, description, mobile_valid, status, platform, created_at, updated_at)
       VALUES (${client.id}, 'Bug Report', 'before', 'd', 1, 'Open', 'shell', ${T0.getTime()}, ${T0.getTime()})`,
    );
    await migrator(store.sequelize).up();
    const [before] = (await store.queries.list({ clientId: client.id }, { limit: 5, offset: 0 })).rows;
    expect(before).toMatchObject({
      heading: 'before',
      waitingSince: null,
      waitedMs: 0,
      messageCount: 0,
      firstReplyMs: null,
    });

    const q = await storedQuery(store, client.id);
    const raised = await store.attachments.insert(file(q.id, 'raised.txt'));
    const { message } = await store.messages.append({
      queryId: q.id,
      authorId: client.id,
      authorRole: 'client',
      visibility: 'public',
      text: 'hi',
      source: null,
      createdAt: T0,
    });
    await store.messages.attach(message.id, file(q.id, 'sent.txt'));

    await migrator(store.sequelize).down({ to: '013-conversation' });
    expect(await count(`SELECT COUNT(*) AS n FROM attachments WHERE query_id = ${q.id}`)).toBe(1);
    await expect(sql('SELECT message_count FROM client_queries')).rejects.toThrow();
    await migrator(store.sequelize).up();
    expect(await store.attachments.forQuery(q.id)).toEqual([raised]);
    expect(await store.queries.findById(q.id)).toMatchObject({ messageCount: 0 });
    // The rebuilt table keeps its cascade from client_queries.
    await sql(`DELETE FROM client_queries WHERE id = ${q.id}`);
    expect(await count('SELECT COUNT(*) AS n FROM attachments')).toBe(0);
  });
});

describe('migration 013 after a killed MySQL load', () => {
  let ts: TestStore;
  afterAll(() => ts?.dispose());

  it('widens the stashed sweep index, which the next open puts back', async () => {
    ts = await openTestStore('mysql');
    const sql = (text: string) => ts.store.sequelize.query(text, { type: QueryTypes.SELECT });
    const sweepColumns = async () =>
      (
        (await sql(
          `SELECT COLUMN_NAME AS c FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
           AND TABLE_NAME = 'client_queries' AND INDEX_NAME = 'queries_sla_sweep' ORDER BY SEQ_IN_INDEX`,
        )) as { c: string }[]
      ).map((r) => r.c);
    await migrator(ts.store.sequelize).down({ to: '013-conversation' });
    // What a load killed after dropping the indexes leaves.
    await ts.store.sequelize.query('ALTER TABLE client_queries DROP INDEX queries_sla_sweep');
    await ts.store.sequelize.query(
      "INSERT INTO bulk_load_index_stash VALUES ('client_queries', 'queries_sla_sweep', 'ADD INDEX `queries_sla_sweep` (`status`)', 1)",
    );
    await migrator(ts.store.sequelize).up();
    expect(await sweepColumns()).toEqual([]);
    expect(await finishInterruptedLoad(ts.store.sequelize)).toContain('queries_sla_sweep');
    expect(await sweepColumns()).toEqual([
      'status',
      'created_at',
      'sla_alerted',
      'first_response_ms',
      'assignee_id',
      'category',
      'waiting_since',
      'waited_ms',
    ]);
  });
});
