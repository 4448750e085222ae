import { claimQuery } from '../../core/queries/claim-query';
import { closeQuery } from '../../core/queries/close-query';
import { createQuery } from '../../core/queries/create-query';
import { decodeAction, encodeAction } from '../../core/views/action-id';
import type { RecordedCall } from './fake-slack';
import { actionIdsOf } from './slack-driver';
import { startSlackHarness, type SlackHarness } from './slack-harness';

const kinds = (c: RecordedCall) => actionIdsOf(c.body.blocks).map((id) => decodeAction(id)?.kind);

describe('a rating on Slack takes the place of its buttons', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness('sqlite');
  });
  afterAll(() => h?.close());

  it('on an ephemeral card (from /cqms show): replaced through its response_url, not answered beside it', async () => {
    const zoe = await h.member('client', 'zoe', 'U0ZOE');
    const ann = await h.member('agent', 'ann', 'U0ANN');
    const deps = h.bot.runtime.deps;
    const { query } = await createQuery(deps, zoe, {
      category: 'Payment Failure',
      heading: 'Card declined',
      description: 'Twice',
    });
    await claimQuery(deps, ann, query.id);
    await closeQuery(deps, ann, { queryId: query.id, note: 'Bank outage' });
    const pressed = await h.driver.press('U0ZOE', encodeAction({ kind: 'rate', queryId: query.id, rating: 4 }), {
      channelId: 'C0GENERAL',
      ephemeral: true,
    });
    const answer = await h.fake.waitFor(
      () => h.fake.of('response').find((c) => c.method === new URL(pressed.responseUrl).pathname),
      'the rating answer',
    );
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(JSON.stringify(answer.body)).toContain(`you rated query #${query.id} ★★★★ (4/5)`);
    expect(kinds(answer)).not.toContain('rate');
  });
});
