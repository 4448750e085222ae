import { CompositeNotifier } from '../../adapters/notify/composite-notifier';
import { postDigest } from '../../core/digests/digest-job';
import { importQueries, type ImportRow } from '../../core/imports/import-queries';
import type { ChartRenderer } from '../../core/ports/chart-renderer';
import { DESCRIPTION_MAX, HEADING_MAX } from '../../core/schemas/query-input';
import { decodeAction, encodeAction } from '../../core/views/action-id';
import { TINY_PNG } from '../support/png';
import type { RecordedCall } from './fake-slack';
import { actionIdsOf } from './slack-driver';
import { startSlackHarness, SUPPORT, type SlackHarness } from './slack-harness';

type Json = Record<string, unknown>;
const grows = (n: number) => '&<>'.repeat(Math.ceil(n / 3)).slice(0, n); // 4 to 5 times longer once escaped
const EMOJI = '😀'.repeat(100);
/** Env lists are comma-separated: a category may be as long as anyone types it; this one is past an option's 150. */
const LONG_CATEGORY = `${grows(200)}Category`;
const LONG_AGENT = 'a'.repeat(32); // the longest username
const tinyCharts: ChartRenderer = { render: async () => ({ png: TINY_PNG, width: 1, height: 1 }) };

// Everything the desk sends to Slack with content at its maximum; the fake refuses what Slack refuses, and any
// refusal fails the test (here, and again when the harness closes).
describe('Slack with worst-case content (SQLite, real Bolt, the faithful fake)', () => {
  let h: SlackHarness;
  const accepted = () =>
    expect(h.fake.refusals.all.map((r) => `${r.method}: ${r.error} ${r.messages.join(' ')}`)).toEqual([]);
  const response = (url: string) =>
    h.fake.waitFor(
      () =>
        h.fake
          .of('response')
          .filter((c) => c.method === new URL(url).pathname)
          .at(-1),
      `a reply on ${url}`,
    );
  const idsOf = (c: RecordedCall) => actionIdsOf(c.body.blocks);

  beforeAll(async () => {
    h = await startSlackHarness('sqlite', {
      env: { CQMS_CATEGORIES: `Bug Report,${LONG_CATEGORY}`, SLACK_LEADS_CHANNEL: 'C0LEADS' },
    });
    const zoe = await h.member('client', 'zoe', 'U0ZOE');
    await h.member('agent', LONG_AGENT, 'U0ANN');
    await h.member('lead', 'lee', 'U0LEE');
    // 600 old open queries with the longest category and description: full pages, and breaches for `sla`.
    const at = new Date(Date.now() - 30 * 86_400_000);
    const rows: ImportRow[] = Array.from({ length: 600 }, (_, i) => ({
      externalRef: `W${i}`,
      clientEmail: i % 2 ? 'zoe@example.com' : `c${i % 7}@example.com`,
      emailValid: true,
      mobile: '9876501234',
      mobileValid: true,
      category: i % 3 ? LONG_CATEGORY : 'Bug Report',
      description: `${grows(HEADING_MAX)}\n${grows(DESCRIPTION_MAX - HEADING_MAX - 1)}`,
      status: 'Open',
      createdAt: at,
      closedAt: null,
    }));
    await importQueries(h.bot.runtime.deps, rows);
    void zoe;
  }, 60_000);
  afterAll(() => h?.close());

  it('raises through the form with every field at its maximum', async () => {
    await h.driver.slash('U0ZOE', 'new');
    const modal = await h.fake.waitFor(() => h.fake.api('views.open').at(-1), 'the form');
    const view = modal.body.view as Json & { private_metadata: string; blocks: (Json & { element: Json })[] };
    const description = view.blocks.find((b) => b.block_id === 'description')!;
    expect(description.element.max_length).toBe(3000);
    expect(JSON.stringify(description.hint)).toMatch(/At most 3,000 characters in this form/);
    const longOption = (view.blocks[0]!.element.options as { value: string }[])[1]!;
    expect(longOption.value).toBe('#1');
    const submitted = await h.driver.submit('U0ZOE', 'V0NEW', view.private_metadata, {
      category: { select: longOption.value },
      heading: grows(HEADING_MAX),
      description: `${EMOJI}${grows(3000 - EMOJI.length)}`,
      mobile: null,
    });
    expect(submitted).toMatchObject({ status: 200, text: '' });
    const card = await h.fake.waitFor(
      () => h.fake.api('chat.postMessage').find((c) => c.body.channel === SUPPORT),
      'the card',
    );
    expect(JSON.stringify(card.body)).toContain('&amp;&lt;Category'); // the long category, chosen by its place in the list
    accepted();
  });

  it("raises inline with core's longest description, claims, closes with the longest note, rates", async () => {
    const line = `new category=${LONG_CATEGORY} heading=${grows(HEADING_MAX)} description=${EMOJI}${grows(DESCRIPTION_MAX - 200)}`;
    await h.driver.slash('U0ZOE', line);
    const card = await h.fake.waitFor(
      () => h.fake.api('chat.postMessage').filter((c) => c.body.channel === SUPPORT)[1],
      'the second card',
    );
    const claim = idsOf(card).find((id) => decodeAction(id)?.kind === 'claim')!;
    const queryId = Number(claim.split('|')[2]);
    await h.settle();
    const ts = (await h.bot.runtime.deps.store.messageRefs.find('slack', SUPPORT, queryId))!.messageId;
    const claimed = await h.driver.press('U0ANN', claim, { ts });
    expect(JSON.stringify((await response(claimed.responseUrl)).body)).toMatch(/You claimed query/);
    await h.driver.press('U0ANN', encodeAction({ kind: 'close', queryId }), { ts });
    const closeModal = await h.fake.waitFor(
      () =>
        h.fake
          .api('views.open')
          .map((c) => c.body.view as Json & { private_metadata: string })
          .find((v) => v.private_metadata.includes(`"q":${queryId}`)),
      'the close form',
    );
    expect(await h.driver.submit('U0ANN', 'V0CLOSE', closeModal.private_metadata, { note: grows(3000) })).toMatchObject(
      { status: 200, text: '' },
    );
    const rateDm = await h.fake.waitFor(
      () =>
        h.fake
          .api('chat.postMessage')
          .find((c) => c.body.channel === 'DU0ZOE' && idsOf(c).some((id) => id.includes(`rate|${queryId}|`))),
      'the rating DM',
    );
    const five = idsOf(rateDm).find((id) => id.endsWith('|5'))!;
    const pressedAt = Date.now();
    await h.driver.press('U0ZOE', five, { channelId: 'DU0ZOE', ts: String(rateDm.answer?.ts) });
    // The rating takes the place of the DM that asked for it (texts of test/slack/slack-rating.test.ts).
    await h.fake.waitFor(
      () =>
        h.fake
          .api('chat.update')
          .find(
            (c) => c.at >= pressedAt && c.body.channel === 'DU0ZOE' && JSON.stringify(c.body).includes('you rated'),
          ),
      'the rated DM',
    );
    await h.settle();
    accepted();
  }, 30_000);

  it('lists full pages, and pages on', async () => {
    for (const [user, command] of [
      ['U0ZOE', 'mine'],
      ['U0ANN', 'queue'],
      ['U0ANN', 'working'],
      ['U0LEE', 'closed'],
    ] as const) {
      const sent = await h.driver.slash(user, command);
      const page = await response(sent.responseUrl);
      const next = actionIdsOf(page.body.blocks).find((id) => decodeAction(id)?.kind === 'page');
      if (next) await response((await h.driver.press(user, next, { ephemeral: true })).responseUrl);
    }
    accepted();
  }, 30_000);

  it('answers team (every chart) and sla (hundreds of breaches) within limits', async () => {
    for (const command of ['team', 'sla']) await response((await h.driver.slash('U0LEE', command)).responseUrl);
    await h.settle();
    accepted();
  }, 60_000);

  it("opens each role's App Home", async () => {
    for (const user of ['U0ZOE', 'U0ANN', 'U0LEE', 'U0NOBODY']) {
      await h.driver.homeOpened(user);
      await h.fake.waitFor(
        () => h.fake.api('views.publish').find((c) => c.body.user_id === user),
        `the App Home of ${user}`,
      );
    }
    accepted();
  }, 30_000);

  it('posts a digest and an SLA alert through the notifier', async () => {
    const notifier = new CompositeNotifier([h.slack.notifier], {
      delivered: () => h.bot.runtime.deps.store.idempotency,
    });
    expect(await postDigest(h.bot.runtime.deps, notifier, tinyCharts, 'daily')).toBe(true);
    await h.slack.notifier.postAlert('leads', {
      queryId: 1,
      text: `SLA breached: ${grows(HEADING_MAX)} ${grows(DESCRIPTION_MAX)}`,
      mention: { userId: 2, name: LONG_AGENT },
    });
    expect(h.fake.api('chat.postMessage').filter((c) => c.body.channel === 'C0LEADS').length).toBeGreaterThanOrEqual(2);
    accepted();
  }, 30_000);
});
