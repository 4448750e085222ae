import { deskConfig } from '../../bot/desk-wiring';
import { readEnvironment } from '../../bot/environment';
import type { QueryMessage } from '../../core/domain/query-message';
import { createQuery } from '../../core/queries/create-query';
import { SlackEvents } from '../slack/slack-events';
import { startSlackHarness, SUPPORT, type SlackHarness } from '../slack/slack-harness';

describe('CQMS_PUBLIC_REPLY_PREFIX', () => {
  it('is !reply when unset or empty, and sets the desk config', () => {
    expect(readEnvironment({}).CQMS_PUBLIC_REPLY_PREFIX).toBe('!reply');
    expect(readEnvironment({ CQMS_PUBLIC_REPLY_PREFIX: '' }).CQMS_PUBLIC_REPLY_PREFIX).toBe('!reply');
    expect(deskConfig(readEnvironment({})).publicReplyPrefix).toBe('!reply');
    expect(deskConfig(readEnvironment({ CQMS_PUBLIC_REPLY_PREFIX: ' >>client ' })).publicReplyPrefix).toBe('>>client');
    expect(readEnvironment({ CQMS_PUBLIC_REPLY_PREFIX: 'x'.repeat(20) }).CQMS_PUBLIC_REPLY_PREFIX).toHaveLength(20);
  });

  it.each([
    ['a space inside', '!to client'],
    ['21 characters', 'x'.repeat(21)],
    ['only spaces', '   '],
  ])('refuses %s, naming the variable and the rule', (_why, value) => {
    expect(() => readEnvironment({ CQMS_PUBLIC_REPLY_PREFIX: value })).toThrow(
      'CQMS_PUBLIC_REPLY_PREFIX: must be 1 to 20 characters with no spaces, such as !reply',
    );
  });
});

// The variable reaches the desk `cqms bot` runs: a Slack support thread (real Bolt, signed events) hears the
// configured prefix as public and the default one as an ordinary internal note.
describe('a desk started with CQMS_PUBLIC_REPLY_PREFIX=>>client', () => {
  let h: SlackHarness;
  afterAll(() => h?.close());

  it('sends a staff message starting with >>client to the client and keeps one starting with !reply internal', async () => {
    h = await startSlackHarness('mysql', { env: { CQMS_PUBLIC_REPLY_PREFIX: '>>client' } });
    const events = new SlackEvents(h.driver.eventsUrl, h.fake);
    const zoe = await h.member('client', 'zoe', 'U0ZOE');
    await h.member('agent', 'ann', 'U0ANN');
    const { query } = await createQuery(
      h.bot.runtime.deps,
      { ...zoe, platform: 'slack' },
      { category: 'Bug Report', heading: 'Prefix check', description: 'd' },
    );
    await h.settle();
    const card = h.fake.messages.topLevel(SUPPORT).find((m) => JSON.stringify(m.blocks).includes(`#${query.id}`))!;
    const stored = (): Promise<QueryMessage[]> =>
      h.bot.runtime.deps.store.messages.forQuery(query.id, { includeInternal: true });

    // Slack sends what a user types with &, <, > as entities: the prefix is matched on the text as typed.
    await events.say('U0ANN', SUPPORT, '&gt;&gt;client Fixed on our side', { threadTs: card.ts });
    await events.say('U0ANN', SUPPORT, '!reply this one stays with the staff', { threadTs: card.ts });
    const deadline = Date.now() + 10_000;
    while ((await stored()).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    // Acknowledged first and stored after: the two may be stored in either order.
    expect((await stored()).map((m) => [m.visibility, m.text]).sort()).toEqual([
      ['internal', '!reply this one stays with the staff'],
      ['public', 'Fixed on our side'],
    ]);
    await h.settle();
    const dm = h.fake.api('chat.postMessage').filter((c) => String(c.body.channel).startsWith('D'));
    expect(dm.some((c) => JSON.stringify(c.body).includes('Fixed on our side'))).toBe(true);
    expect(dm.some((c) => JSON.stringify(c.body).includes('stays with the staff'))).toBe(false);
  });
});
