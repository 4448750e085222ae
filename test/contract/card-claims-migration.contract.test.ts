import { migrator } from '../../adapters/storage/migrator';
import { createQuery } from '../../core/queries/create-query';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const SUPPORT = 'C0SUPPORT';

// Migration 012 makes message_refs.message_id nullable (SQLite by rebuilding the table): rows, the unique key
// and the cascade from client_queries must come through it, both ways.
describe.each(STORE_KINDS)('migration 012 (card claims) on %s', (kind) => {
  let ts: TestStore;
  afterAll(() => ts?.dispose());

  it('keeps card refs, the one-card key and the cascade, up and down', async () => {
    ts = await openTestStore(kind);
    const deps = testDesk(ts.store);
    const cora = await makeActor(deps, 'client', 'migcora');
    const [a, b] = [
      (await createQuery(deps, cora, { category: 'Bug Report', heading: 'a', description: 'd' })).query.id,
      (await createQuery(deps, cora, { category: 'Bug Report', heading: 'b', description: 'd' })).query.id,
    ];
    const refs = ts.store.messageRefs;
    await migrator(ts.store.sequelize).down({ to: '012-card-claims' });
    await ts.store.sequelize.query(
      `INSERT INTO message_refs (platform, channel_id, query_id, message_id, updated_at, card_version) VALUES ('slack', '${SUPPORT}', ${a}, 'm-a', 1, 7), ('slack', '${SUPPORT}', ${b}, 'm-b', 1, 7)`,
    );
    await migrator(ts.store.sequelize).up();

    expect(await refs.find('slack', SUPPORT, a)).toEqual({
      platform: 'slack',
      channelId: SUPPORT,
      queryId: a,
      messageId: 'm-a',
      cardVersion: 7,
    });
    const by = { token: 't', process: 'p' };
    expect(
      await refs.claimCard({ platform: 'slack', channelId: SUPPORT, queryId: a }, 8, by, new Date(), {
        staleBefore: new Date(0),
      }),
    ).toEqual({ held: true, messageId: 'm-a' });
    await expect(
      ts.store.sequelize.query(
        `INSERT INTO message_refs (platform, channel_id, query_id, message_id, updated_at, card_version) VALUES ('slack', '${SUPPORT}', ${a}, 'm-a2', 1, 0)`,
      ),
    ).rejects.toThrow();
    await ts.store.sequelize.query(`DELETE FROM client_queries WHERE id = ${b}`);
    expect(await refs.find('slack', SUPPORT, b)).toBeNull();

    // Down again: a card whose first post is in flight is dropped (its post is retried), the others stay.
    const cardC = (await createQuery(deps, cora, { category: 'Bug Report', heading: 'c', description: 'd' })).query.id;
    expect(
      await refs.claimCard({ platform: 'slack', channelId: SUPPORT, queryId: cardC }, 1, by, new Date(), {
        staleBefore: new Date(0),
      }),
    ).toEqual({ held: true, messageId: null });
    await migrator(ts.store.sequelize).down({ to: '012-card-claims' });
    const [rows] = (await ts.store.sequelize.query(
      'SELECT query_id AS q, message_id AS m FROM message_refs ORDER BY query_id',
    )) as [{ q: number; m: string }[], unknown];
    expect(rows.map((r) => [Number(r.q), r.m])).toEqual([[a, 'm-a']]);
    await expect(
      ts.store.sequelize.query(
        `INSERT INTO message_refs (platform, channel_id, query_id, message_id, updated_at, card_version) VALUES ('slack', '${SUPPORT}', ${cardC}, NULL, 1, 0)`,
      ),
    ).rejects.toThrow();
    await migrator(ts.store.sequelize).up();
    expect(await refs.find('slack', SUPPORT, a)).toMatchObject({ messageId: 'm-a' });
  });
});
