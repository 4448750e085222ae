import type { PlatformAccount } from '../../core/auth/identities';
import { Desk } from '../../core/conversation/desk';
import { NotAuthorized } from '../../core/errors';
import { claimQuery } from '../../core/queries/claim-query';
import { createQuery } from '../../core/queries/create-query';
import { releaseQuery } from '../../core/queries/release-query';
import { decodeAction } from '../../core/views/action-id';
import { rowsPerPage } from '../../core/views/list-page';
import type { ListView, Reply } from '../../core/views/view-model';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, type TestStore } from '../support/test-stores';

const acct = (id: string): PlatformAccount => ({ platform: 'shell', workspaceId: 'W1', platformUserId: id });
const lists = (r: Reply) => r.views.filter((v): v is ListView => v.kind === 'list');

// The lists computed whole (a query's history, the team's agents) page like the query lists, and a page button
// checks again who may see it.
describe('paged lists computed whole', () => {
  let ts: TestStore;
  let deps: TestDesk;
  let desk: Desk;
  const conv = async (name: string, role: 'client' | 'agent' | 'lead') => {
    const a = await makeActor(deps, role, name);
    await deps.store.identities.link({ ...acct(name), userId: a.userId, linkedAt: deps.clock.now() });
    return { actor: a, conv: await desk.conversation(acct(name)) };
  };

  beforeAll(async () => {
    ts = await openTestStore('sqlite');
    deps = testDesk(ts.store);
    desk = new Desk(deps);
  });
  afterAll(() => ts?.dispose());

  it("pages a query's history; Next answers that page alone; another client's press is refused", async () => {
    const zoe = await conv('zoe', 'client');
    const ann = await conv('ann', 'agent');
    const { query } = await createQuery(deps, zoe.actor, {
      category: deps.config.categories[0]!,
      heading: 'Busy history',
      description: 'x',
    });
    for (let i = 0; i < 12; i++) {
      await claimQuery(deps, ann.actor, query.id);
      await releaseQuery(deps, ann.actor, query.id);
    }
    const shown = await desk.run(ann.conv, 'show', { id: query.id });
    const [history] = lists(shown);
    expect(history).toMatchObject({ title: `History of #${query.id}`, page: 1, pages: 2, total: 25 });
    expect(history!.rows).toHaveLength(15);
    expect(decodeAction(history!.next!.actionId)).toEqual({
      kind: 'page',
      list: 'history',
      page: 2,
      filter: `i${query.id}`,
    });

    const page2 = await desk.press(ann.conv, decodeAction(history!.next!.actionId));
    expect(page2.views.map((v) => v.kind)).toEqual(['list']);
    expect(lists(page2)[0]).toMatchObject({ page: 2, pages: 2 });
    expect(lists(page2)[0]!.rows).toHaveLength(10);
    const cleo = await conv('cleo', 'client');
    await expect(desk.press(cleo.conv, decodeAction(history!.next!.actionId))).rejects.toBeInstanceOf(NotAuthorized);
  });

  it("pages the team's agents, their filter in the button; Next answers the agents alone, for leads only", async () => {
    const lee = await conv('lee', 'lead');
    const client = await conv('carl', 'client');
    for (let i = 0; i < 9; i++) {
      const agent = await conv(`agent${i}`, 'agent');
      const { query } = await createQuery(deps, client.actor, {
        category: deps.config.categories[1]!,
        heading: `Q${i}`,
        description: 'x',
      });
      await claimQuery(deps, agent.actor, query.id);
    }
    const team = await desk.run(lee.conv, 'team', { category: deps.config.categories[1]! });
    const [agents] = lists(team);
    expect(agents).toMatchObject({ title: 'Agents', page: 1, pages: 2, total: 9 });
    // Eleven columns (load, resolution, conversation, breaches): five agents a page.
    const size = rowsPerPage(agents!.columns.length);
    expect(size).toBe(5);
    expect(agents!.rows).toHaveLength(size);
    expect(decodeAction(agents!.next!.actionId)).toEqual({ kind: 'page', list: 'agents', page: 2, filter: 'c1' });

    const page2 = await desk.press(lee.conv, decodeAction(agents!.next!.actionId));
    expect(page2.views.map((v) => v.kind)).toEqual(['list']);
    expect(lists(page2)[0]!.rows).toHaveLength(9 - size);
    const agent0 = await desk.conversation(acct('agent0'));
    await expect(desk.press(agent0, decodeAction(agents!.next!.actionId))).rejects.toBeInstanceOf(NotAuthorized);
    await expect(desk.press(agent0, decodeAction('cqms|page|sla|2|'))).rejects.toBeInstanceOf(NotAuthorized);
  });
});
