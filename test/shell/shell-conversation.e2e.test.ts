import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { runScripted, STACK_TRACE } from './shell-harness';

const PASSWORD = 'correct horse battery';
const login = (name: string) => [`/as ${name}`, 'login', name, PASSWORD];

/** The shell talks like the chat surfaces: reply, note, waiting, transcript, and messages shown on `/as`. */
describe('the shell conversation', () => {
  let ts: TestStore;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    ts = await openTestStore('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'cqms-shell-conv-'));
    env = { DATABASE_URL: ts.url, CQMS_CHARTS_DIR: join(dir, 'charts'), CQMS_EXPORTS_DIR: join(dir, 'exports') };
    const deps = testDesk(ts.store);
    await makeActor(deps, 'agent', 'ann');
    await makeActor(deps, 'client', 'zoe');
  });
  afterAll(async () => {
    await ts.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replies, notes, waits and resumes, shows the conversation and gives the transcript', async () => {
    const run = await runScripted(['shell'], env, [
      ...login('zoe'),
      'new category="Bug Report" heading="App crashes" description="on start"',
      ...login('ann'),
      'claim 1',
      'reply 1 Which version of the app do you run?',
      'note 1 probably the 2.3 regression',
      'waiting 1',
      'show 1',
      '/as zoe',
      'reply 1',
      'Version 2.3.1',
      '',
      'note 1 sneaky',
      '/as ann',
      'show 1',
      'transcript 1',
    ]);
    expect(run.out).not.toMatch(STACK_TRACE);
    // The support thread gets every message, marked; the client's lines wait for `/as zoe`.
    expect(run.out).toMatch(/\[#support #1\] Ann \(agent\) \[to the client\]: Which version of the app do you run\?/);
    expect(run.out).toMatch(/\[#support #1\] Ann \(agent\) \[internal note\]: probably the 2.3 regression/);
    const away = run.out.slice(run.out.indexOf('You are now zoe', run.out.indexOf('waiting 1')));
    expect(away).toMatch(/Messages while you were away:\n\[to zoe\] #1 Ann \(agent\): Which version/);
    expect(run.out).not.toMatch(/\[to zoe\].*regression/);
    expect(run.out).toMatch(/Waiting on the client: since/);
    expect(run.out).toMatch(/Sent to the client on query #1\./);
    expect(run.out).toMatch(/Added to query #1; the desk will see it\./);
    expect(run.out).toMatch(/A client may not run `note`\./);
    expect(run.out).toMatch(/\[#support #1\] Zoe \(client\): Version 2.3.1/);
    // After the client wrote, the wait is over: the last show has no waiting field.
    const lastShow = run.out.slice(run.out.lastIndexOf('show 1'));
    expect(lastShow).toMatch(/Conversation of #1 \(3\)/);
    expect(lastShow).toMatch(/Ann \(agent, internal\): probably the 2.3 regression/);
    expect(lastShow).not.toMatch(/Waiting on the client/);
    expect(run.out).toMatch(/query-1-staff-transcript\.txt written to/);
    const q = await ts.store.queries.findById(1);
    expect(q).toMatchObject({ messageCount: 3, waitingSince: null });
    expect(q!.firstReplyMs).not.toBeNull();
  });
});
