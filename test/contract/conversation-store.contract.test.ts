import { openStore, type SequelizeStore } from '../../adapters/storage/sequelize-store';
import type { MessageSource, NewQueryMessage } from '../../core/domain/query-message';
import type { UserRecord } from '../../core/domain/user';
import type { StoreTx } from '../../core/ports/store';
import { storedQuery, storedUser } from '../support/store-fixtures';
import { T0 } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const at = (ms: number) => new Date(T0.getTime() + ms);
const slack = (messageId: string, channelId = 'D0CLIENT'): MessageSource => ({
  platform: 'slack',
  channelId,
  messageId,
});

describe.each(STORE_KINDS)('conversation store on %s', (kind) => {
  let ts: TestStore;
  let other: SequelizeStore;
  let client: UserRecord;
  let agent: UserRecord;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    // A second connection pool on the same database: another process as far as the database can tell.
    other = await openStore(ts.url);
    client = await storedUser(ts.store, 'client', 'cora');
    agent = await storedUser(ts.store, 'agent', 'ada');
  });
  afterAll(async () => {
    await other?.close();
    await ts?.dispose();
  });

  const newQuery = async () => (await storedQuery(ts.store, client.id)).id;
  const message = (queryId: number, over: Partial<NewQueryMessage> = {}): NewQueryMessage => ({
    queryId,
    authorId: client.id,
    authorRole: 'client',
    visibility: 'public',
    text: 'hello',
    source: null,
    createdAt: T0,
    ...over,
  });

  it('numbers messages 1, 2, 3... per query under concurrent appends from two connections, none skipped', async () => {
    const [q, q2] = [await newQuery(), await newQuery()];
    const writer = (store: Pick<SequelizeStore, 'transaction' | 'messages'>, name: string) => async () => {
      const seqs: number[] = [];
      for (let i = 0; i < 12; i++) {
        const m = message(q, { text: `${name} ${i}` });
        // Half inside a caller's transaction, half on their own: both take the seq under the query's row lock.
        const { message: stored } =
          i % 2 ? await store.transaction((tx) => tx.messages.append(m)) : await store.messages.append(m);
        seqs.push(stored.seq);
      }
      return seqs;
    };
    const [a, b] = await Promise.all([writer(ts.store, 'a')(), writer(other, 'b')(), writer(other, 'x')()]);
    await ts.store.messages.append(message(q2));
    for (const seqs of [a, b]) expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    const all = await ts.store.messages.forQuery(q, { includeInternal: true });
    expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(all.filter((m) => m.text.startsWith('a ')).map((m) => m.seq)).toEqual(a);
    expect((await ts.store.queries.findById(q))?.messageCount).toBe(36);
    expect((await ts.store.messages.forQuery(q2, { includeInternal: true })).map((m) => m.seq)).toEqual([1]);
  });

  it('gives a seq back when the appending transaction rolls back', async () => {
    const q = await newQuery();
    await ts.store.messages.append(message(q));
    const failed = ts.store.transaction(async (tx) => {
      await tx.messages.append(message(q, { text: 'lost' }));
      throw new Error('the rest of the change failed');
    });
    await expect(failed).rejects.toThrow('the rest of the change failed');
    expect((await ts.store.messages.append(message(q, { text: 'next' }))).message.seq).toBe(2);
  });

  it('shows internal notes only when asked, after a seq and up to a limit', async () => {
    const q = await newQuery();
    const staff = { authorId: agent.id, authorRole: 'agent' as const };
    await ts.store.messages.append(message(q, { text: 'it broke' }));
    await ts.store.messages.append(message(q, { ...staff, visibility: 'internal', text: 'looks like #12' }));
    await ts.store.messages.append(message(q, { ...staff, text: 'try again?' }));
    await ts.store.messages.append(message(q, { text: 'works' }));
    const texts = async (o: Parameters<StoreTx['messages']['forQuery']>[1]) =>
      (await ts.store.messages.forQuery(q, o)).map((m) => `${m.seq}:${m.visibility}:${m.text}`);
    expect(await texts({ includeInternal: false })).toEqual([
      '1:public:it broke',
      '3:public:try again?',
      '4:public:works',
    ]);
    expect(await texts({ includeInternal: true, afterSeq: 1, limit: 2 })).toEqual([
      '2:internal:looks like #12',
      '3:public:try again?',
    ]);
    expect(await texts({ includeInternal: false, afterSeq: 3 })).toEqual(['4:public:works']);
  });

  it('stores a platform message once, however often and from wherever it is appended', async () => {
    const q = await newQuery();
    const first = await ts.store.messages.append(message(q, { source: slack('1.0001'), text: 'first' }));
    expect(first).toMatchObject({ created: true, message: { seq: 1, source: slack('1.0001'), text: 'first' } });
    const again = await ts.store.messages.append(message(q, { source: slack('1.0001'), text: 'retried' }));
    expect(again).toEqual({ created: false, message: first.message });
    // The same event retried on two connections at once: one stores it.
    const raced = await Promise.all(
      [ts.store, other, ts.store, other].map((s) => s.messages.append(message(q, { source: slack('1.0002') }))),
    );
    expect(raced.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(raced.map((r) => r.message.id)).size).toBe(1);
    // The same message id in another channel is another message.
    const elsewhere = await ts.store.messages.append(message(q, { source: slack('1.0001', 'C0SUPPORT') }));
    expect(elsewhere.created).toBe(true);
    expect((await ts.store.messages.forQuery(q, { includeInternal: true })).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect((await ts.store.queries.findById(q))?.messageCount).toBe(3);
    expect(await ts.store.messages.findBySource(slack('1.0002'))).toMatchObject({ seq: 2 });
    expect(await ts.store.messages.findBySource(slack('9.9999'))).toBeNull();
    await expect(ts.store.messages.append(message(999_999))).rejects.toThrow(/query #999999/);
  });

  it('keeps what was said: edits and deletions as revisions, retried ones recorded once', async () => {
    const q = await newQuery();
    const { message: m } = await ts.store.messages.append(message(q, { text: 'v1', source: slack('2.0001') }));
    const edited = await ts.store.messages.revise(m.id, { kind: 'edit', text: 'v2' }, at(1000));
    expect(edited).toMatchObject({ text: 'v2', editedAt: at(1000), deletedAt: null });
    expect(await ts.store.messages.revise(m.id, { kind: 'edit', text: 'v2' }, at(2000))).toMatchObject({
      editedAt: at(1000),
    });
    const deleted = await ts.store.messages.revise(m.id, { kind: 'delete' }, at(3000));
    expect(deleted).toMatchObject({ text: '', deletedAt: at(3000) });
    expect(await ts.store.messages.revise(m.id, { kind: 'edit', text: 'v3' }, at(4000))).toMatchObject({ text: '' });
    expect(await ts.store.messages.revise(m.id, { kind: 'delete' }, at(5000))).toMatchObject({ deletedAt: at(3000) });
    expect(await ts.store.messages.findById(m.id)).toMatchObject({ text: '', editedAt: at(1000), deletedAt: at(3000) });
    expect(await ts.store.messages.revisions(m.id)).toEqual([
      { messageId: m.id, kind: 'edit', previousText: 'v1', at: at(1000) },
      { messageId: m.id, kind: 'delete', previousText: 'v2', at: at(3000) },
    ]);
    expect(await ts.store.messages.revise(999_999, { kind: 'delete' }, at(1))).toBeNull();
  });

  it("lists a message's files with it, not among the files the query was raised with", async () => {
    const q = await newQuery();
    const file = (name: string) => ({
      queryId: q,
      filename: name,
      contentType: 'text/plain',
      data: new TextEncoder().encode(name),
      sha256: 'x'.repeat(64),
      createdAt: T0,
    });
    const raised = await ts.store.attachments.insert(file('raised.txt'));
    const { message: m } = await ts.store.messages.append(message(q));
    const sent = await ts.store.transaction((tx) => tx.messages.attach(m.id, file('sent.txt')));
    expect(sent).toMatchObject({ queryId: q, filename: 'sent.txt', size: 8 });
    expect((await ts.store.messages.findById(m.id))?.attachments).toEqual([sent]);
    expect((await ts.store.messages.forQuery(q, { includeInternal: false }))[0]?.attachments).toEqual([sent]);
    expect(await ts.store.attachments.forQuery(q)).toEqual([raised]);
    expect(new TextDecoder().decode((await ts.store.attachments.read(sent.id))?.data)).toBe('sent.txt');
  });

  it('routes a thread back to its query; the first query recorded keeps the place', async () => {
    const [q, q2] = [await newQuery(), await newQuery()];
    const threads = ts.store.threads;
    const staff = { platform: 'slack', audience: 'staff', channelId: 'C0SUPPORT', createdAt: T0 } as const;
    await threads.save({ ...staff, queryId: q, threadRootId: '3.0001' });
    await threads.save({ ...staff, queryId: q, threadRootId: '3.0001' });
    await threads.save({ ...staff, queryId: q2, threadRootId: '3.0001' });
    const dm = { platform: 'discord', audience: 'client', channelId: 'T0THREAD', threadRootId: null } as const;
    await threads.save({ ...dm, queryId: q, createdAt: T0 });
    expect(await threads.find('slack', 'C0SUPPORT', '3.0001')).toEqual({
      ...staff,
      queryId: q,
      threadRootId: '3.0001',
    });
    expect(await threads.find('discord', 'T0THREAD', null)).toEqual({ ...dm, queryId: q, createdAt: T0 });
    expect(await threads.find('slack', 'C0SUPPORT', null)).toBeNull();
    expect(await threads.find('slack', 'C0SUPPORT', '3.0002')).toBeNull();
    expect(await threads.forQuery(q)).toHaveLength(2);
    expect((await threads.forQuery(q, 'discord', 'client')).map((t) => t.channelId)).toEqual(['T0THREAD']);
    expect(await threads.forQuery(q, 'slack', 'client')).toEqual([]);
    expect(await threads.forQuery(q2)).toEqual([]);
  });

  it('finds copies by message and by platform message; a copy recorded again keeps the first', async () => {
    const q = await newQuery();
    const { message: m } = await ts.store.messages.append(message(q));
    const copy = {
      messageId: m.id,
      queryId: q,
      placeKey: 'slack:staff:C0SUPPORT',
      platform: 'slack',
      channelId: 'C0SUPPORT',
      platformMessageId: '4.0001',
    } as const;
    await ts.store.copies.record(copy);
    await ts.store.copies.record({ ...copy, platformMessageId: '4.0002' });
    const dm = {
      ...copy,
      placeKey: 'discord:client:D1',
      platform: 'discord',
      channelId: 'D1',
      platformMessageId: '77',
    } as const;
    await ts.store.copies.record(dm);
    expect(await ts.store.copies.forMessage(m.id)).toEqual([copy, dm]);
    expect(await ts.store.copies.findByPlatformMessage('discord', 'D1', '77')).toEqual(dm);
    expect(await ts.store.copies.findByPlatformMessage('slack', 'C0SUPPORT', '4.0002')).toBeNull();
    expect(await ts.store.copies.findByPlatformMessage('slack', 'C0OTHER', '4.0001')).toBeNull();
  });

  it('lets one run at a time deliver a place; the cursor only moves forward; a run out lease is taken over', async () => {
    const q = await newQuery();
    const place = 'slack:staff:C0SUPPORT';
    const c = ts.store.copies;
    // Two first claims on two connections: the primary key lets one win.
    const first = await Promise.all([
      c.claimPlace(q, place, 'a', at(0), at(-60_000)),
      other.copies.claimPlace(q, place, 'b', at(0), at(-60_000)),
    ]);
    expect(first.map((r) => r.held).sort()).toEqual([false, true]);
    const [holder, loser] = first[0]!.held ? ['a', 'b'] : ['b', 'a'];
    expect(await c.advancePlace(q, place, 2, holder)).toBe(true);
    expect(await c.advancePlace(q, place, 3, loser)).toBe(false);
    expect(await c.advancePlace(q, place, 1, holder)).toBe(true); // a late record never moves it back
    expect(await c.claimPlace(q, place, loser, at(1000), at(-60_000))).toEqual({ held: false, deliveredSeq: 2 });
    expect(await c.claimPlace(q, place, holder, at(1000), at(-60_000))).toEqual({ held: true, deliveredSeq: 2 });
    await c.releasePlace(q, place, loser); // not its claim: nothing happens
    expect(await c.claimPlace(q, place, 'c', at(2000), at(-60_000))).toEqual({ held: false, deliveredSeq: 2 });
    await c.releasePlace(q, place, holder);
    expect(await c.claimPlace(q, place, 'c', at(3000), at(-60_000))).toEqual({ held: true, deliveredSeq: 2 });
    // Progress renews the lease: claimed at 3000, advanced at 50_000, still fresh for a bound of 40_000.
    expect(await c.advancePlace(q, place, 3, 'c', at(50_000))).toBe(true);
    expect(await c.claimPlace(q, place, 'd', at(60_000), at(40_000))).toEqual({ held: false, deliveredSeq: 3 });
    // 'c' went quiet: past the lease 'd' takes the place, and 'c' can no longer record.
    expect(await c.claimPlace(q, place, 'd', at(120_000), at(60_000))).toEqual({ held: true, deliveredSeq: 3 });
    expect(await c.advancePlace(q, place, 4, 'c')).toBe(false);
    // Places and queries are independent.
    expect(await c.claimPlace(q, 'discord:client:D1', 'c', at(0), at(-1))).toEqual({ held: true, deliveredSeq: 0 });
    expect(await c.claimPlace(await newQuery(), place, 'c', at(0), at(-1))).toEqual({ held: true, deliveredSeq: 0 });
  });

  it('parks a client message with its files once, and gives it to one pick', async () => {
    const source = slack('5.0001');
    const png = new Uint8Array([137, 80, 78, 71, 0, 255]);
    const parked = {
      authorId: client.id,
      source,
      text: 'which one?',
      files: [{ filename: 'a.png', contentType: 'image/png', data: png }],
      createdAt: at(1000),
    };
    const first = await ts.store.parked.park(parked);
    expect(first).toEqual({ created: true, parked: { ...parked, id: expect.any(Number) } });
    const again = await Promise.all([ts.store.parked.park(parked), other.parked.park(parked)]);
    expect(again.map((r) => [r.created, r.parked.id])).toEqual([
      [false, first.parked.id],
      [false, first.parked.id],
    ]);
    const read = await ts.store.parked.findById(first.parked.id);
    expect(read).toEqual(first.parked);
    expect(Array.from(read?.files[0]?.data ?? [])).toEqual(Array.from(png));
    expect(await ts.store.parked.findBySource(source)).toEqual(first.parked);
    const picks = await Promise.all([
      ts.store.transaction((tx) => tx.parked.take(first.parked.id)),
      other.transaction((tx) => tx.parked.take(first.parked.id)),
    ]);
    expect(picks.filter((p) => p !== null)).toEqual([first.parked]);
    expect(await ts.store.parked.findById(first.parked.id)).toBeNull();
    const [files] = (await ts.store.sequelize.query(
      `SELECT COUNT(*) AS n FROM parked_files WHERE parked_id = ${first.parked.id}`,
    )) as [{ n: number }[], unknown];
    expect(Number(files[0]?.n)).toBe(0);
    await ts.store.parked.park({ ...parked, source: slack('5.0002'), createdAt: at(0) });
    await ts.store.parked.park({ ...parked, source: slack('5.0003'), createdAt: at(5000) });
    expect(await ts.store.parked.prune(at(1000))).toBe(1);
    expect(await ts.store.parked.findBySource(slack('5.0002'))).toBeNull();
    expect(await ts.store.parked.findBySource(slack('5.0003'))).not.toBeNull();
  });
});
