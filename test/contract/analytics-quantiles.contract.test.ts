import { cutoffsOf } from '../../core/analytics/analytics-scope';
import { quantileFromPicks, quantileOf } from '../../core/analytics/quantile';
import { picksByGroup, valueCounts } from '../../core/analytics/rollup';
import type { NewQueryRow } from '../../core/domain/query';
import type { AnalyticsScope, DurationMetric } from '../../core/ports/analytics-store';
import { makeActor, testDesk, T0, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const CATEGORIES = ['Bug Report', 'Login Issue'];
// Enough percents that the per-agent walks take more than one statement.
const PERCENTS = [...Array.from({ length: 21 }, (_, i) => i * 5), 37];

/** Small deterministic generator: the same rows on every run and store. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe.each(STORE_KINDS)('quantile picks by index walks on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let rows: NewQueryRow[];

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    const client = await makeActor(deps, 'client', 'quinn');
    // Agents with 1, 2, 7 and 40 resolved queries: odd and even counts, and ties among the values.
    const agents = await Promise.all(['ada', 'bob', 'cyd', 'dee'].map((u) => makeActor(deps, 'agent', u)));
    const random = lcg(7);
    rows = [];
    agents.forEach((agent, i) => {
      for (let k = 0; k < [1, 2, 7, 40][i]!; k += 1) {
        const createdAt = new Date(T0.getTime() - Math.floor(random() * 90) * 86_400_000);
        const firstResponseMs = Math.floor(random() * 20) * 60_000;
        const resolutionMs = firstResponseMs + Math.floor(random() * 50) * 3_600_000;
        rows.push({
          externalRef: null,
          clientId: client.userId,
          category: CATEGORIES[k % 2]!,
          heading: 'h',
          description: 'd',
          mobile: null,
          mobileValid: true,
          status: 'Closed',
          assigneeId: agent.userId,
          platform: 'shell',
          createdAt,
          claimedAt: new Date(createdAt.getTime() + firstResponseMs),
          closedAt: new Date(createdAt.getTime() + resolutionMs),
          resolutionNote: 'done',
          resolutionMs,
          firstResponseMs,
          reopenCount: 0,
        });
      }
    });
    await ts.store.queries.insertMany(rows, T0);
  });
  afterAll(() => ts.dispose());

  const expected = (scope: AnalyticsScope, metric: DurationMetric, group: number | null, p: number) => {
    const inScope = rows.filter(
      (r) => (!scope.category || r.category === scope.category) && (group === null || r.assigneeId === group),
    );
    return quantileOf(
      inScope.map((r) => (metric === 'resolution' ? r.resolutionMs! : r.firstResponseMs!)),
      p,
    );
  };

  it.each([
    ['whole scope', {}],
    ['one category', { category: 'Login Issue' }],
  ] as const)('matches sorting in memory, %s, with and without known counts', async (_, scope: AnalyticsScope) => {
    const a = ts.store.analytics;
    const agg = await a.aggregate(scope, cutoffsOf(deps.config.sla, T0));
    for (const metric of ['resolution', 'firstResponse'] as const) {
      for (const byAgent of [false, true]) {
        const known = valueCounts(agg, metric, byAgent);
        for (const picks of [
          await a.quantiles(scope, metric, byAgent, PERCENTS, T0, known),
          await a.quantiles(scope, metric, byAgent, PERCENTS, T0),
        ]) {
          const groups = picksByGroup(picks);
          expect([...groups.keys()].sort()).toEqual([...known.keys()].sort());
          for (const [group, list] of groups) {
            for (const p of PERCENTS) expect(quantileFromPicks(list, p)).toBe(expected(scope, metric, group, p));
          }
        }
      }
    }
  });
});
