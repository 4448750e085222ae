import { startSlackHarness, type SlackHarness } from './slack-harness';

describe('a CSV export on Slack', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness('sqlite');
    await h.member('lead', 'lee', 'U0LEE');
  });
  afterAll(() => h?.close());

  it('says where the file is: an ephemeral answer cannot carry it, so it is in the DM with the app', async () => {
    const { driver, fake } = h;
    const exp = await driver.slash('U0LEE', 'export status=Open');
    const answer = await fake.waitFor(
      () => fake.of('response').find((c) => c.method === new URL(exp.responseUrl).pathname),
      'the export answer',
    );
    expect(answer.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.body.blocks)).toMatch(
      /:paperclip: 0 queries: cqms-all-\d{4}-\d{2}-\d{2}\.csv is in your DM with this app/,
    );
    expect(JSON.stringify(answer.body)).not.toContain('attached');
    const complete = await fake.waitFor(() => fake.api('files.completeUploadExternal')[0], 'the upload');
    expect(complete.body.channel_id).toBe('DU0LEE');
    expect(fake.api('files.getUploadURLExternal').map((c) => c.body.filename)).toEqual([
      expect.stringMatching(/^cqms-all-.*\.csv$/),
    ]);
  });
});
