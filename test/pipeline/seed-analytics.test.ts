import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanCsvFile } from '../../adapters/csv/clean-csv-file';
import { loadCleanedFile } from '../../adapters/csv/load-cleaned-file';
import { teamAnalytics } from '../../core/analytics/team-analytics';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';
import { SEED_CSV } from './pipeline-support';

let dir: string;
let cleaned: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seed-analytics-'));
  cleaned = join(dir, 'cleaned.csv');
  await cleanCsvFile({ input: SEED_CSV, output: cleaned, rejects: join(dir, 'rejects.csv') });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(STORE_KINDS)('the cleaned seed data loaded on %s', (kind) => {
  let t: TestStore;
  beforeAll(async () => (t = await openTestStore(kind)));
  afterAll(() => t.dispose());

  it("gives the lead's analytics 5200 queries: 54 open, 5146 closed", async () => {
    const deps = testDesk(t.store);
    const loaded = await loadCleanedFile(deps, cleaned);
    expect(loaded).toMatchObject({ rows: 5200, inserted: 5200, skipped: 0 });
    const lead = await makeActor(deps, 'lead', 'seedlead');
    const a = await teamAnalytics(deps, lead);
    expect(a.totals).toEqual({ total: 5200, open: 54, inProgress: 0, closed: 5146 });
    expect(a.resolution.count).toBe(5146);
    expect(a.categories.reduce((s, c) => s + c.total, 0)).toBe(5200);
  });
});
