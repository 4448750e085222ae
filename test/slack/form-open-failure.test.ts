import type { RecordedCall } from './fake-slack';
import { startSlackHarness, type SlackHarness } from './slack-harness';

const textOf = (c: RecordedCall) => JSON.stringify(c.body);

// A form that does not open says why, whether running it again helps, and a reference found in the log.
describe('a Slack form that fails to open says why (SQLite, real Bolt)', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness('sqlite');
    await h.member('client', 'zoe', 'U0ZOE');
  });
  afterAll(() => h?.close());

  async function answerTo(opts: { triggerAgeMs?: number } = {}): Promise<{ text: string; ref: string; log: string }> {
    const sent = await h.driver.slash('U0ZOE', 'new', opts);
    const reply = await h.fake.waitFor(
      () => h.fake.of('response').find((c) => c.method === new URL(sent.responseUrl).pathname),
      'the answer',
    );
    const text = textOf(reply);
    const ref = /ref ([0-9A-F]{4})/.exec(text)?.[1] ?? '';
    const log = h.log.find((l) => l.message.includes(`ref ${ref}`))?.message ?? '';
    expect(text).not.toMatch(/in time/);
    return { text, ref, log };
  }

  it('a trigger that ran out: running the command again helps', async () => {
    h.fake.expectRefusal('expired_trigger_id', 'views.open');
    const { text, ref, log } = await answerTo({ triggerAgeMs: 3500 });
    expect(text).toMatch(
      /raise a query form could not be opened: Slack allows 3 seconds to open it and they ran out\. Please run `\/cqms new` again/,
    );
    expect(ref).not.toBe('');
    expect(log).toMatch(/expired_trigger_id/);
  });

  it('Slack refusing the form: running it again will not help, and it is our fault', async () => {
    h.fake.failNext('views.open', 'invalid_arguments');
    const { text, ref, log } = await answerTo();
    expect(text).toMatch(/Slack refused it, and running the command again will not help\. This is a fault in the desk/);
    expect(ref).not.toBe('');
    expect(log).toMatch(/invalid_arguments/);
    expect(h.log.find((l) => l.message === log)?.level).toBe('error');
  });

  it('Slack unreachable: try again in a moment', async () => {
    h.fake.failHttpNext('views.open', 503);
    const { text, ref, log } = await answerTo();
    expect(text).toMatch(/Slack could not be reached\. Please run `\/cqms new` again in a moment/);
    expect(ref).not.toBe('');
    expect(log).toMatch(/unreachable/);
  });

  it('opens when nothing stands in the way, and says nothing', async () => {
    const before = { opened: h.fake.api('views.open').length, said: h.fake.of('response').length };
    await h.driver.slash('U0ZOE', 'new');
    await h.fake.waitFor(() => h.fake.api('views.open').length > before.opened, 'the modal');
    await h.settle();
    expect(h.fake.refusals.all.map((r) => r.error)).toEqual(['expired_trigger_id']);
    expect(h.fake.of('response')).toHaveLength(before.said);
  });
});
