import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellAccount } from '../../adapters/shell/shell-account';
import { createQuery } from '../../core/queries/create-query';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { runScripted } from './shell-harness';

describe('an export written by the shell', () => {
  let ts: TestStore;
  let dir: string;

  beforeAll(async () => {
    ts = await openTestStore('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'cqms-export-'));
    const deps = testDesk(ts.store);
    const client = await makeActor(deps, 'client', 'mallory');
    const lead = await makeActor(deps, 'lead', 'lee');
    await deps.store.identities.link({ ...shellAccount('lee'), userId: lead.userId, linkedAt: deps.clock.now() });
    await createQuery(deps, client, {
      category: 'Bug Report',
      heading: '=HYPERLINK("http://evil.example","open")',
      description: '@SUM(1+1)*cmd|" /C calc"!A0',
    });
  });
  afterAll(async () => {
    await ts.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes user text that starts like a formula as text, so a spreadsheet never runs it', async () => {
    const run = await runScripted(
      ['shell', '--as', 'lee'],
      { DATABASE_URL: ts.url, CQMS_EXPORTS_DIR: join(dir, 'exports') },
      ['export', '/quit'],
    );
    const path = /written to (\S+\.csv)/.exec(run.out)?.[1];
    expect(path).toBeDefined();
    const csv = readFileSync(path!, 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""open"")"`);
    expect(csv).toContain(`"'@SUM(1+1)*cmd|"" /C calc""!A0"`);
    expect(csv).not.toMatch(/(^|,)"?[=@]/m);
  });
});
