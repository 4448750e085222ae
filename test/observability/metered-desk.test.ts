import { encodeAction } from '../../core/views/action-id';
import { makeActor, testDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { MeteredDesk, RESOLVE_USER } from '../../adapters/observability/metered-desk';

describe('the metered desk on SQLite', () => {
  let ts: TestStore;
  const counted: string[] = [];
  let desk: MeteredDesk;

  beforeAll(async () => {
    ts = await openTestStore('sqlite');
    desk = new MeteredDesk(testDesk(ts.store), (command, outcome) => counted.push(`${command} ${outcome}`));
  });
  afterAll(() => ts?.dispose());

  it('counts each command once by catalog name and outcome, whatever the surface', async () => {
    const ann = await makeActor(desk.deps, 'agent', 'ann');
    const conv = await desk.conversation({ platform: 'slack', workspaceId: 'T1', platformUserId: 'U0ANN' });
    const asAnn = { ...conv, actor: ann };
    await desk.runLine(asAnn, 'queue');
    await expect(desk.runLine(asAnn, 'claim 999')).rejects.toThrow();
    await expect(desk.press(asAnn, encodeAction({ kind: 'claim', queryId: 998 }))).rejects.toThrow();
    await expect(desk.run(conv, 'team')).rejects.toThrow(); // not signed in
    await desk.run(asAnn, 'frobnicate');
    expect(counted).toEqual(['queue ok', 'claim not_found', 'claim not_found', 'team not_authenticated', 'unknown ok']);
  });

  it('counts a failure to find who is asking, before any command ran, as an internal error', async () => {
    counted.length = 0;
    ts.store.identities.find = () => Promise.reject(new Error('connection lost'));
    await expect(desk.conversation({ platform: 'slack', workspaceId: 'T1', platformUserId: 'U0ZOE' })).rejects.toThrow('connection lost');
    expect(counted).toEqual([`${RESOLVE_USER} internal_error`]);
  });
});
