import { buildDesk, type DeskRuntime } from '../../bot/desk-wiring';
import { readEnvironment } from '../../bot/environment';
import { claimQuery } from '../../core/queries/claim-query';
import { createQuery } from '../../core/queries/create-query';
import { StoreUnavailable, STORE_UNAVAILABLE_TEXT } from '../../core/errors';
import type { Actor } from '../../core/domain/actor';
import { errorLine } from '../../adapters/shell/error-line';
import { makeActor } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { TcpProxy } from '../support/tcp-proxy';
import { halfDoneQueries, recordingNotifier, untilItWorks } from './fault-support';

// The desk talks to MySQL through a proxy of the test's own; the test reads the database directly.
describe('a database outage', () => {
  let db: TestStore;
  let proxy: TcpProxy;
  let desk: DeskRuntime;
  const notifier = recordingNotifier();
  let zoe: Actor;
  let amir: Actor;
  const ask = (heading: string) => createQuery(desk.deps, zoe, { category: 'Bug Report', heading, description: 'the export button does nothing' });

  beforeAll(async () => {
    db = await openTestStore('mysql');
    proxy = await TcpProxy.inFrontOf(db.url, 3306);
    desk = await buildDesk(readEnvironment({ DATABASE_URL: proxy.rewrite(db.url) }), { notifiers: [notifier] });
    zoe = await makeActor(desk.deps, 'client', 'zoe');
    amir = await makeActor(desk.deps, 'agent', 'amir');
  });
  afterAll(async () => {
    await proxy.restore();
    await desk.close();
    await proxy.close();
    await db.dispose();
  });

  it('fails a command fast with a clear "try again", stores nothing, and recovers without a restart', async () => {
    const before = await ask('before the outage');
    await desk.settle();
    await proxy.cut();

    const started = Date.now();
    const refused = await ask('during the outage').catch((e: unknown) => e);
    const refusedMs = Date.now() - started;
    expect(refused).toBeInstanceOf(StoreUnavailable);
    expect(refusedMs).toBeLessThan(12_000);
    expect(errorLine(refused)).toBe(STORE_UNAVAILABLE_TEXT);
    await expect(claimQuery(desk.deps, amir, before.query.id)).rejects.toBeInstanceOf(StoreUnavailable);

    const [rows] = (await db.store.sequelize.query("SELECT COUNT(*) AS n FROM client_queries WHERE heading = 'during the outage'")) as [{ n: number }[], unknown];
    expect(Number(rows[0]!.n)).toBe(0);
    expect((await db.store.queries.findById(before.query.id))?.status).toBe('Open');

    await proxy.restore();
    const { value: after, ms } = await untilItWorks(() => ask('after the outage'), 10_000);
    expect(ms).toBeLessThan(5_000);
    await claimQuery(desk.deps, amir, before.query.id);
    await desk.settle();
    expect(await halfDoneQueries(db.store)).toEqual([]);
    expect(notifier.delivered).toEqual(expect.arrayContaining([`card ${before.query.id} Open`, `card ${after.query.id} Open`, `card ${before.query.id} In Progress`]));
    // Each outbox row was delivered once: one card line per card intent.
    expect(notifier.delivered.filter((l) => l === `card ${after.query.id} Open`)).toHaveLength(1);
    console.log(`database outage: refused in ${refusedMs} ms, recovered ${ms} ms after the proxy came back`);
  }, 40_000);

  it('leaves no query half-done when the connection is cut in the middle of writes', async () => {
    let done = 0;
    let firstDone: () => void = () => undefined;
    const someDone = new Promise<void>((r) => (firstDone = r));
    const attempts = Array.from({ length: 30 }, (_, i) =>
      ask(`burst ${i}`).then(
        () => {
          if (++done === 3) firstDone();
          return 'ok';
        },
        (e: unknown) => e,
      ),
    );
    // Cut while the others are between their first statement and their commit.
    await someDone;
    await proxy.cut();
    const outcomes = await Promise.all(attempts);
    await proxy.restore();

    const failures = outcomes.filter((o) => o !== 'ok');
    // Every failure is the typed outage, never a defect with a stack trace.
    for (const f of failures) expect(f).toBeInstanceOf(StoreUnavailable);
    const [rows] = (await db.store.sequelize.query("SELECT heading FROM client_queries WHERE heading LIKE 'burst %'")) as [{ heading: string }[], unknown];
    const stored = new Set(rows.map((r) => r.heading));
    // What succeeded is stored; what was told "nothing was saved" is not; a commit cut off may be either.
    const told = outcomes.map((o, i) => ({ heading: `burst ${i}`, said: o === 'ok' ? 'ok' : (o as StoreUnavailable).commitUnknown ? 'unknown' : 'nothing' }));
    for (const t of told) if (t.said !== 'unknown') expect(`${t.heading}: ${stored.has(t.heading)}`).toBe(`${t.heading}: ${t.said === 'ok'}`);
    expect(await halfDoneQueries(db.store)).toEqual([]);
    const count = (said: string) => told.filter((t) => t.said === said).length;
    console.log(`cut mid-burst: ${count('ok')} of ${told.length} succeeded, ${count('nothing')} refused (none stored), ${count('unknown')} cut during COMMIT; ${stored.size} stored, all whole`);
    await untilItWorks(() => ask('after the burst'), 10_000);
  }, 40_000);
});
