import { encodeAction, decodeAction } from '../../core/views/action-id';
import { makeActor, testDesk, type RecordingQueue } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';
import { MeteredDesk, RESOLVE_USER } from '../../adapters/observability/metered-desk';

const testJobs = (desk: MeteredDesk) => (desk.deps.jobs as RecordingQueue).jobs;

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
    await expect(desk.press(asAnn, decodeAction(encodeAction({ kind: 'claim', queryId: 998 })))).rejects.toThrow();
    await expect(desk.run(conv, 'team')).rejects.toThrow(); // not signed in
    await desk.run(asAnn, 'frobnicate');
    expect(counted).toEqual(['queue ok', 'claim not_found', 'claim not_found', 'team not_authenticated', 'unknown ok']);
  });

  it("keeps the place a command came from, so a lead's team charts are queued as a job, not drawn in the answer", async () => {
    const lee = await makeActor(desk.deps, 'lead', 'lee');
    const place = { platform: 'slack' as const, teamId: 'T1', userId: 'U0LEE', channelId: 'C0GENERAL' };
    const conv = await desk.conversation({ platform: 'slack', workspaceId: 'T1', platformUserId: 'U0LEE' }, place);
    expect(conv.place).toEqual(place);
    const reply = await desk.run({ ...conv, actor: lee }, 'team');
    expect(reply.views.filter((v) => v.kind === 'chart')).toEqual([]);
    expect(testJobs(desk).filter((j) => j.name === 'chart')).toEqual([expect.objectContaining({ target: place })]);
  });

  it('counts a failure to find who is asking, before any command ran, as an internal error', async () => {
    counted.length = 0;
    ts.store.identities.find = () => Promise.reject(new Error('connection lost'));
    await expect(desk.conversation({ platform: 'slack', workspaceId: 'T1', platformUserId: 'U0ZOE' })).rejects.toThrow(
      'connection lost',
    );
    expect(counted).toEqual([`${RESOLVE_USER} internal_error`]);
  });
});
