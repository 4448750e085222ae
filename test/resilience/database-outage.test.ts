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
  const ask = (heading: string) =>
    createQuery(desk.deps, zoe, { category: 'Bug Report', heading, description: 'the export button does nothing' });

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

  const stored = async (heading: string) => {
    const [rows] = (await db.store.sequelize.query('SELECT COUNT(*) AS n FROM client_queries WHERE heading = ?', {
      replacements: [heading],
    })) as [{ n: number }[], unknown];
    return Number(rows[0]!.n);
  };
  const timed = async <T>(p: Promise<T>) => {
    const started = Date.now();
    const value = await p;
    return { value, ms: Date.now() - started };
  };

  /**
   * One outage start to end: a new query and a claim get the "try again" answer and change nothing; once the
   * proxy forwards again the desk works without a restart, nothing is half-done, each card is delivered once.
   */
  async function outage(
    tag: string,
    fault: () => Promise<void>,
  ): Promise<{ refusedMs: number; claimMs: number; recoveredMs: number }> {
    const before = await ask(`before the ${tag}`);
    await desk.settle();
    await fault();

    const refused = await timed(ask(`during the ${tag}`).catch((e: unknown) => e));
    expect(refused.value).toBeInstanceOf(StoreUnavailable);
    expect(errorLine(refused.value)).toBe(STORE_UNAVAILABLE_TEXT);
    const claim = await timed(claimQuery(desk.deps, amir, before.query.id).catch((e: unknown) => e));
    expect(claim.value).toBeInstanceOf(StoreUnavailable);
    expect(await stored(`during the ${tag}`)).toBe(0);
    expect((await db.store.queries.findById(before.query.id))?.status).toBe('Open');

    await proxy.restore();
    const { value: after, ms } = await untilItWorks(() => ask(`after the ${tag}`), 15_000);
    await claimQuery(desk.deps, amir, before.query.id);
    await desk.settle();
    // Bytes a blackhole held pass on once it forwards again: they must not complete what was refused.
    expect(await stored(`during the ${tag}`)).toBe(0);
    expect(await halfDoneQueries(db.store)).toEqual([]);
    expect(notifier.delivered).toEqual(
      expect.arrayContaining([
        `card ${before.query.id} Open`,
        `card ${after.query.id} Open`,
        `card ${before.query.id} In Progress`,
      ]),
    );
    // Each outbox row was delivered once: one card line per card intent.
    expect(notifier.delivered.filter((l) => l === `card ${after.query.id} Open`)).toHaveLength(1);
    return { refusedMs: refused.ms, claimMs: claim.ms, recoveredMs: ms };
  }

  it('fails a command fast with a clear "try again", stores nothing, and recovers without a restart', async () => {
    const t = await outage('outage', () => proxy.cut());
    expect(t.refusedMs).toBeLessThan(12_000);
    expect(t.recoveredMs).toBeLessThan(5_000);
    console.log(
      `database outage: refused in ${t.refusedMs} ms, recovered ${t.recoveredMs} ms after the proxy came back`,
    );
  }, 40_000);

  // A silent network (a dropped firewall rule, a partition) closes nothing: only the desk's own timeouts end its waits.
  it('answers "try again" within seconds when the database silently stops answering, and recovers without a restart', async () => {
    const t = await outage('silence', () => proxy.blackhole());
    // A statement on an open connection, then one on another pooled connection or a new one the server never greets.
    expect(t.refusedMs).toBeLessThan(8_000);
    expect(t.claimMs).toBeLessThan(8_000);
    expect(t.recoveredMs).toBeLessThan(5_000);
    console.log(
      `database blackholed: "try again" after ${t.refusedMs} ms, the next command after ${t.claimMs} ms; recovered ${t.recoveredMs} ms after the network came back`,
    );
  }, 60_000);

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
    const [rows] = (await db.store.sequelize.query(
      "SELECT heading FROM client_queries WHERE heading LIKE 'burst %'",
    )) as [{ heading: string }[], unknown];
    const stored = new Set(rows.map((r) => r.heading));
    // What succeeded is stored; what was told "nothing was saved" is not; a commit cut off may be either.
    const told = outcomes.map((o, i) => ({
      heading: `burst ${i}`,
      said: o === 'ok' ? 'ok' : (o as StoreUnavailable).commitUnknown ? 'unknown' : 'nothing',
    }));
    for (const t of told)
      if (t.said !== 'unknown')
        expect(`${t.heading}: ${stored.has(t.heading)}`).toBe(`${t.heading}: ${t.said === 'ok'}`);
    expect(await halfDoneQueries(db.store)).toEqual([]);
    const count = (said: string) => told.filter((t) => t.said === said).length;
    console.log(
      `cut mid-burst: ${count('ok')} of ${told.length} succeeded, ${count('nothing')} refused (none stored), ${count('unknown')} cut during COMMIT; ${stored.size} stored, all whole`,
    );
    await untilItWorks(() => ask('after the burst'), 10_000);
  }, 40_000);
});
