import { teamAnalytics } from '../../core/analytics/team-analytics';
import { clientAnalytics } from '../../core/analytics/client-analytics';
import type { Actor } from '../../core/domain/actor';
import { importQueries, type ImportRow } from '../../core/imports/import-queries';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { readSeedRows, type SeedRow } from '../support/seed-dataset';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const HOUR = 3_600_000;
const NOW = new Date('2026-03-02T09:00:00Z');
const rows = readSeedRows();

// The independent computation: plain loops over the CSV rows, sharing no code with core or the stores.
const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);
const isOpen = (r: SeedRow) => r.status.trim().toLowerCase() !== 'closed';
const closedHours = rows.filter((r) => !isOpen(r)).map((r) => (utc(r.date_closed) - utc(r.date_opened)) / HOUR);
function pandasQuantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = q * (s.length - 1);
  return s[Math.floor(h)]! + (h - Math.floor(h)) * (s[Math.ceil(h)]! - s[Math.floor(h)]!);
}
const expected = {
  total: rows.length,
  open: rows.filter(isOpen).length,
  closed: rows.filter((r) => !isOpen(r)).length,
  avg: closedHours.reduce((a, b) => a + b, 0) / closedHours.length,
  median: pandasQuantile(closedHours, 0.5),
  p90: pandasQuantile(closedHours, 0.9),
  byCategory: rows.reduce<Record<string, number>>(
    (m, r) => ((m[r.query_heading] = (m[r.query_heading] ?? 0) + 1), m),
    {},
  ),
  resolutionBreaches: rows.filter((r) =>
    isOpen(r) ? NOW.getTime() - utc(r.date_opened) > 72 * HOUR : utc(r.date_closed) - utc(r.date_opened) > 72 * HOUR,
  ).length,
  openedPerDay: rows.reduce<Record<string, number>>(
    (m, r) => ((m[r.date_opened] = (m[r.date_opened] ?? 0) + 1), m),
    {},
  ),
};

function toImport(r: SeedRow): ImportRow {
  const open = isOpen(r);
  return {
    externalRef: r.query_id,
    clientEmail: r.client_email.trim().toLowerCase(),
    emailValid: true,
    mobile: r.client_mobile,
    mobileValid: /^[6-9]\d{9}$/.test(r.client_mobile),
    category: r.query_heading,
    description: r.query_description,
    status: open ? 'Open' : 'Closed',
    createdAt: new Date(utc(r.date_opened)),
    closedAt: open ? null : new Date(utc(r.date_closed)),
  };
}

describe.each(STORE_KINDS)('analytics of the seed dataset on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let lead: Actor;

  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    deps.clock.set(NOW);
    lead = await makeActor(deps, 'lead', 'lena');
    const imported = rows.map(toImport);
    for (let i = 0; i < imported.length; i += 1000) await importQueries(deps, imported.slice(i, i + 1000));
  });
  afterAll(() => ts.dispose());

  it('loads idempotently by query id', async () => {
    const again = await importQueries(deps, rows.slice(0, 300).map(toImport));
    expect(again).toEqual({ inserted: 0, skipped: 300, usersCreated: 0 });
  });

  it('matches the independent computation', async () => {
    const t = await teamAnalytics(deps, lead, { bucket: 'day' });
    expect(t.totals).toEqual({ total: expected.total, open: expected.open, inProgress: 0, closed: expected.closed });
    expect(t.totals).toMatchObject({ total: 5200, open: 54, closed: 5146 });
    expect(t.resolution.count).toBe(expected.closed);
    expect(t.resolution.avgHours).toBeCloseTo(expected.avg, 9);
    expect(t.resolution.medianHours).toBeCloseTo(expected.median, 9);
    expect(t.resolution.p90Hours).toBeCloseTo(expected.p90, 9);
    expect(Object.fromEntries(t.categories.map((c) => [c.category, c.total]))).toEqual(expected.byCategory);
    expect(t.sla.resolutionBreaches).toBe(expected.resolutionBreaches);
    expect(t.sla.firstResponseBreaches).toBe(expected.open); // never claimed, all older than 4 h
    expect(Object.fromEntries(t.trend.filter((p) => p.opened > 0).map((p) => [p.period, p.opened]))).toEqual(
      expected.openedPerDay,
    );
    expect(t.agents).toEqual([]);
  });

  it('draws the whole seed in at most 60 points unless asked for days, every query counted once', async () => {
    const daily = await teamAnalytics(deps, lead, { bucket: 'day' });
    expect(daily.trend.length).toBeGreaterThan(60);
    const t = await teamAnalytics(deps, lead, {});
    expect(t.range.bucket).not.toBe('day');
    expect(t.trend.length).toBeLessThanOrEqual(60);
    expect(t.trend.reduce((s, p) => s + p.opened, 0)).toBe(rows.length);
    expect(t.trend.reduce((s, p) => s + p.closed, 0)).toBe(daily.trend.reduce((s, p) => s + p.closed, 0));
    const monthly = await teamAnalytics(deps, lead, { bucket: 'month' });
    const perMonth = rows.reduce<Record<string, number>>(
      (m, r) => ((m[r.date_opened.slice(0, 7)] = (m[r.date_opened.slice(0, 7)] ?? 0) + 1), m),
      {},
    );
    expect(Object.fromEntries(monthly.trend.filter((p) => p.opened > 0).map((p) => [p.period, p.opened]))).toEqual(
      perMonth,
    );
  });

  it('narrows by category and date range, and buckets by ISO week', async () => {
    const t = await teamAnalytics(deps, lead, {
      category: 'Bug Report',
      from: '2025-03-01',
      to: '2025-04-01',
      bucket: 'week',
    });
    const inRange = rows.filter(
      (r) => r.query_heading === 'Bug Report' && r.date_opened >= '2025-03-01' && r.date_opened < '2025-04-01',
    );
    expect(t.totals.total).toBe(inRange.length);
    expect(t.trend.reduce((s, p) => s + p.opened, 0)).toBe(inRange.length);
    for (const p of t.trend) expect(new Date(`${p.period}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('gives a client their own numbers only', async () => {
    const email = rows[0]!.client_email.toLowerCase();
    const theirs = rows.filter((r) => r.client_email.toLowerCase() === email);
    const [user] = await deps.store.users.findByLogin({ email });
    const client: Actor = { userId: user!.id, username: user!.username, role: 'client', platform: 'shell' };
    const c = await clientAnalytics(deps, client, {});
    expect(c.totals.total).toBe(theirs.length);
    const hours = theirs.filter((r) => !isOpen(r)).map((r) => (utc(r.date_closed) - utc(r.date_opened)) / HOUR);
    expect(c.resolution.medianHours).toBeCloseTo(pandasQuantile(hours, 0.5), 9);
  });
});
