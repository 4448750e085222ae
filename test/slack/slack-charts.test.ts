import { ChartRenderFailed } from '../../core/ports/chart-renderer';
import { GatedRenderer } from '../support/gated-renderer';
import { raiseSampleQuery } from '../support/test-desk';
import type { RecordedCall } from './fake-slack';
import { startSlackHarness, type SlackHarness } from './slack-harness';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LEADS = 'C0LEADS';
const textOf = (c: RecordedCall | undefined) => JSON.stringify(c?.body ?? {});

// On MySQL with the in-process queue (no REDIS_URL): the chart job runs in the bot, after the answer.
describe('Slack analytics charts come as a job after the answer', () => {
  let h: SlackHarness;
  const renderer = new GatedRenderer();

  beforeAll(async () => {
    h = await startSlackHarness('mysql', { charts: renderer, env: { SLACK_LEADS_CHANNEL: LEADS } });
    await h.member('lead', 'lee', 'U0LEE');
    await raiseSampleQuery(h.bot.runtime.deps);
    await h.settle();
  });
  afterAll(() => h?.close());
  beforeEach(() => {
    renderer.close();
    renderer.failWith = () => null;
    h.fake.calls.length = 0;
    renderer.asked.length = 0;
  });

  const filesIn = (channel: string) =>
    h.fake.api('files.completeUploadExternal').filter((c) => c.body.channel_id === channel);

  it('acknowledges and answers with the figures while the charts are still being drawn, then uploads them to the DM, not the public channel', async () => {
    const { driver, fake } = h;
    const team = await driver.slash('U0LEE', 'team', { channelId: 'C0OPS' });
    expect(team.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(/Working on `\/cqms team`/),
    });
    const answer = await fake.waitFor(
      () => fake.of('response').find((c) => c.method === new URL(team.responseUrl).pathname),
      'the answer',
    );
    expect(textOf(answer)).toMatch(/Team analytics/);
    expect(textOf(answer)).toMatch(/6 charts follow as images in your DM with this app/);
    // The job is drawing (held at the gate) and nothing is uploaded yet.
    await fake.waitFor(() => renderer.asked.length > 0, 'the chart job to start drawing');
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.api('files.getUploadURLExternal')).toHaveLength(0);

    renderer.open();
    const complete = await fake.waitFor(() => filesIn('DU0LEE')[0], 'the chart upload');
    expect(fake.api('files.completeUploadExternal').map((c) => c.body.channel_id)).toEqual(['DU0LEE']);
    expect(complete.at).toBeGreaterThanOrEqual(answer.at);
    expect((complete.body.files as unknown[]).length).toBe(6);
    const uploads = fake.of('upload');
    expect(uploads).toHaveLength(6);
    for (const u of uploads) expect(u.raw.includes(PNG_SIGNATURE)).toBe(true);
    expect(h.log.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('retries a renderer that may work later; posts the numbers in words for a chart it refuses', async () => {
    const { driver, fake } = h;
    let outages = 1;
    renderer.failWith = (spec) => {
      if (spec.id === 'status-split' && outages-- > 0) return new ChartRenderFailed('renderer away', true);
      if (spec.id === 'sla-breaches-by-category') return new ChartRenderFailed('spec refused', false);
      return null;
    };
    renderer.open();
    await driver.slash('U0LEE', 'team', { channelId: LEADS });
    const complete = await fake.waitFor(() => filesIn(LEADS)[0], 'the chart upload after a retry', 10_000);
    expect(renderer.asked.filter((id) => id === 'status-split')).toHaveLength(2);
    expect((complete.body.files as unknown[]).length).toBe(5);
    const words = await fake.waitFor(
      () => fake.api('chat.postMessage').find((c) => c.body.channel === LEADS),
      'the refused chart in words',
    );
    expect(String(words.body.text)).toMatch(/SLA breaches/);
  });

  it('keeps the charts in the leads channel or the DM they were asked in; by DM when that channel cannot take them', async () => {
    const { driver, fake } = h;
    renderer.open();
    const inLeads = await driver.slash('U0LEE', 'team', { channelId: LEADS });
    const answer = await fake.waitFor(
      () => fake.of('response').find((c) => c.method === new URL(inLeads.responseUrl).pathname),
      'the answer',
    );
    expect(textOf(answer)).toMatch(/6 charts follow as images in a moment/);
    await fake.waitFor(() => filesIn(LEADS)[0], 'the charts in the leads channel');
    await driver.slash('U0LEE', 'team', { channelId: 'DU0LEE' });
    await fake.waitFor(() => filesIn('DU0LEE')[0], 'the charts in the DM they were asked in');
    fake.failNext('files.completeUploadExternal', 'not_in_channel');
    await driver.slash('U0LEE', 'team', { channelId: LEADS });
    await fake.waitFor(() => filesIn('DU0LEE')[1], 'the charts in the DM');
    expect(fake.api('files.completeUploadExternal').map((c) => c.body.channel_id)).toEqual([
      LEADS,
      'DU0LEE',
      LEADS,
      'DU0LEE',
    ]);
  });

  it('posts a digest to the leads channel: the figures, then its charts as images', async () => {
    const { fake } = h;
    renderer.open();
    await h.bot.runtime.queue.enqueue({ name: 'digest', period: 'daily' });
    await h.settle();
    const message = fake.api('chat.postMessage').find((c) => c.body.channel === LEADS);
    expect(textOf(message)).toMatch(/Daily digest/);
    expect(textOf(message)).toMatch(/Raised/);
    expect(textOf(message)).toMatch(/Bug Report/);
    const images = filesIn(LEADS)[0];
    expect(images?.body.files as unknown[]).toHaveLength(4);
    expect(fake.of('upload').every((u) => u.raw.includes(PNG_SIGNATURE))).toBe(true);
    // The same period's digest is posted once, whoever runs it again.
    await h.bot.runtime.queue.enqueue({ name: 'digest', period: 'daily' });
    await h.settle();
    expect(fake.api('chat.postMessage').filter((c) => c.body.channel === LEADS)).toHaveLength(1);
  });
});
