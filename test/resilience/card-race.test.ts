import { cardRace } from './card-race-scenario';

// Two cqms workers racing a backlog of card jobs (Redis away while queries were raised and claimed): one card
// per query on each platform, the one the desk points at, in its final state. bench/exactly-once-stress.ts runs it
// again and again.
describe('two cqms workers racing a backlog of card jobs', () => {
  it('post one card per query on Slack and on Discord, each showing the query as claimed, and no orphan', async () => {
    const r = await cardRace(10);
    console.log(
      `card race: ${r.queries} queries, ${r.duplicates} duplicates, ${r.orphans} orphans, ${r.stale} stale cards; backlog done ${r.drainedMs} ms after Redis came back`,
    );
    expect(r.problems).toEqual([]);
    expect([r.duplicates, r.orphans, r.stale]).toEqual([0, 0, 0]);
  }, 240_000);
});
