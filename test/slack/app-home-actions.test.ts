import { decodeAction } from '../../core/views/action-id';
import type { RecordedCall } from './fake-slack';
import { startSlackHarness, type SlackHarness } from './slack-harness';

type Json = Record<string, unknown>;
type Block = Json & {
  type: string;
  accessory?: { action_id: string; text: { text: string } };
  elements?: { action_id: string; text: { text: string } }[];
};
const blocksOf = (c: RecordedCall) => (c.body.view as { blocks: Block[] }).blocks;
const buttons = (c: RecordedCall) =>
  blocksOf(c)
    .flatMap((b) => [...(b.accessory ? [b.accessory] : []), ...(b.type === 'actions' ? (b.elements ?? []) : [])])
    .map((e) => ({ label: e.text.text, action: decodeAction(e.action_id) }));

describe('the App Home carries the actions a role needs', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness('sqlite');
    await h.member('client', 'zoe', 'U0ZOE');
    await h.member('agent', 'ann', 'U0ANN');
  });
  afterAll(() => h?.close());

  const homeOf = async (userId: string, after: number) => {
    await h.driver.homeOpened(userId);
    return h.fake.waitFor(
      () => h.fake.api('views.publish').filter((c) => c.body.user_id === userId)[after],
      `the App Home of ${userId}`,
    );
  };

  it('a guest signs up or in from buttons; a client raises a query from one; an agent claims from the queue', async () => {
    const { driver, fake } = h;
    const guest = await homeOf('U0GUS', 0);
    expect(buttons(guest)).toEqual([
      { label: 'Create your account', action: { kind: 'form', form: 'register' } },
      { label: 'Sign in', action: { kind: 'form', form: 'login' } },
    ]);
    expect(JSON.stringify(blocksOf(guest))).not.toMatch(/password/i);

    const zoeHome = await homeOf('U0ZOE', 0);
    const raise = buttons(zoeHome).find((b) => b.label === 'Raise a query');
    expect(raise?.action).toEqual({ kind: 'form', form: 'new' });
    const opened = fake.api('views.open').length;
    await driver.pressInHome('U0ZOE', 'cqms|form|new');
    await fake.waitFor(() => fake.api('views.open').length === opened + 1, 'the raise a query form');
    const modal = driver.lastModal();
    expect(JSON.parse(modal.private_metadata)).toMatchObject({ f: 'new' });
    await driver.submit('U0ZOE', 'V0NEW1', modal.private_metadata, {
      category: { select: 'Payment Failure' },
      heading: 'Card declined',
      description: 'Twice',
      mobile: null,
      screenshot: { files: [] },
    });
    await h.settle();
    const [q] = (await h.bot.runtime.deps.store.queries.list({ status: ['Open'] }, { limit: 10, offset: 0 })).rows;
    expect(q).toBeDefined();

    // Zoe's own list opens each query; Ann's queue claims each.
    const zoeAgain = await homeOf('U0ZOE', fake.api('views.publish').filter((c) => c.body.user_id === 'U0ZOE').length);
    expect(buttons(zoeAgain)).toContainEqual({ label: `Open #${q!.id}`, action: { kind: 'show', queryId: q!.id } });
    const annHome = await homeOf('U0ANN', 0);
    expect(buttons(annHome)).toContainEqual({ label: `Claim #${q!.id}`, action: { kind: 'claim', queryId: q!.id } });
    await driver.pressInHome('U0ANN', `cqms|claim|${q!.id}`);
    // The answer has no response_url or channel to go to: it comes as a DM from the app.
    const dm = await fake.waitFor(
      () =>
        fake
          .api('chat.postMessage')
          .find((c) => c.body.channel === 'DU0ANN' && JSON.stringify(c.body).includes('You claimed')),
      'the claim answer',
    );
    expect(JSON.stringify(dm.body)).toContain(`You claimed query #${q!.id}. The client will be told.`);
    expect((await h.bot.runtime.deps.store.queries.findById(q!.id))?.status).toBe('In Progress');
    for (const c of fake.api('views.publish')) expect(blocksOf(c).length).toBeLessThanOrEqual(100);
  });
});
