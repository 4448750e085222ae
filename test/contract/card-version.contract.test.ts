import { webApi } from '@slack/bolt';
import { LocalChartRenderer } from '../../adapters/charts/local-chart-renderer';
import { createDiscordClient } from '../../adapters/discord/discord-client';
import { DiscordNotifier } from '../../adapters/discord/discord-notifier';
import { RecentInteractions } from '../../adapters/discord/recent-interactions';
import { ReplySender } from '../../adapters/slack/reply-sender';
import { SlackNotifier } from '../../adapters/slack/slack-notifier';
import type { QueryRecord } from '../../core/domain/query';
import { claimQuery } from '../../core/queries/claim-query';
import { closeQuery } from '../../core/queries/close-query';
import { createQuery } from '../../core/queries/create-query';
import { queryCard } from '../../core/views/query-card';
import { FakeDiscord } from '../discord/fake-discord';
import { FakeSlack } from '../slack/fake-slack';
import { makeActor, testDesk, type TestDesk } from '../support/test-desk';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/test-stores';

const SUPPORT = 'C0SUPPORT';
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const card = (q: QueryRecord) =>
  queryCard(q, { client: 'Cora', assignee: q.assigneeId === null ? null : 'Ann' }, { kind: 'staff' });

/**
 * Two jobs for one query: the first loaded the query before a change, the second after, and the second reached
 * Slack first. The late, older card must not replace the newer one.
 */
describe.each(STORE_KINDS)('card versions in message_refs on %s', (kind) => {
  let ts: TestStore;
  let deps: TestDesk;
  let fake: FakeSlack;
  beforeAll(async () => {
    ts = await openTestStore(kind);
    deps = testDesk(ts.store);
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    await fake.close();
    await ts.dispose();
  });

  it('never lets an older card overwrite a newer one', async () => {
    const client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const notifier = new SlackNotifier({
      client,
      supportChannel: SUPPORT,
      store: () => ts.store,
      sender: new ReplySender({ client, charts: { renderer: new LocalChartRenderer() }, log }),
      log,
    });
    const cora = await makeActor(deps, 'client', 'cvcora');
    const ann = await makeActor(deps, 'agent', 'cvann');
    const { query: opened } = await createQuery(deps, cora, {
      category: 'Bug Report',
      heading: 'versioned',
      description: 'd',
    });
    await notifier.upsertChannelCard(opened.id, card(opened));
    deps.clock.advance(60_000);
    const claimed = await claimQuery(deps, ann, opened.id);
    deps.clock.advance(60_000);
    await closeQuery(deps, ann, { queryId: opened.id, note: 'fixed' });
    const closed = (await ts.store.queries.findById(opened.id))!;

    await notifier.upsertChannelCard(opened.id, card(closed)); // the newer job lands first
    await notifier.upsertChannelCard(opened.id, card(claimed)); // the older one, late
    const updates = fake.api('chat.update');
    expect(updates).toHaveLength(1);
    expect(JSON.stringify(updates[0]!.body.blocks)).toContain('Closed');
    const ref = await ts.store.messageRefs.find('slack', SUPPORT, opened.id);
    expect(ref?.cardVersion).toBe(closed.updatedAt.getTime());

    // The same version again (a retried job) may write: it shows the same row.
    await notifier.upsertChannelCard(opened.id, card(closed));
    expect(fake.api('chat.update')).toHaveLength(2);

    // Discord keeps its own version per channel message, with the same rule.
    const discord = await FakeDiscord.start();
    const dc = createDiscordClient({ apiUrl: discord.apiUrl, rest: { retries: 0, timeout: 5000 } });
    try {
      dc.rest.setToken(discord.token);
      const charts = new LocalChartRenderer();
      const onDiscord = new DiscordNotifier({
        rest: dc.rest,
        supportChannels: ['900'],
        store: () => ts.store,
        charts,
        recent: new RecentInteractions(),
        log,
      });
      await onDiscord.upsertChannelCard(opened.id, card(opened));
      await onDiscord.upsertChannelCard(opened.id, card(closed));
      await onDiscord.upsertChannelCard(opened.id, card(claimed));
      expect(discord.calls('PATCH', /^\/channels\/900\/messages\/\d+$/)).toHaveLength(1);
      expect((await ts.store.messageRefs.find('discord', '900', opened.id))?.cardVersion).toBe(
        closed.updatedAt.getTime(),
      );
    } finally {
      await dc.destroy();
      await discord.close();
    }
  });
});
