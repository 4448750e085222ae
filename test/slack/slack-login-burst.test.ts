import { countChecks } from '../support/counting-hasher';
import { makeActor } from '../support/test-desk';
import { STORE_KINDS } from '../support/test-stores';
import { TEAM, type SlackAnswer } from './slack-driver';
import { startSlackHarness, type SlackHarness } from './slack-harness';

const LOGIN_FORM = JSON.stringify({ f: 'login' });
const RIGHT = 'correct horse battery';

describe.each(STORE_KINDS)('Slack sign-in under a burst of guesses (%s)', (kind) => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness(kind);
  });
  afterAll(() => h?.close());

  it('checks at most 5 of 8 concurrent login submissions and refuses the right password sent after them', async () => {
    await makeActor(h.bot.runtime.deps, 'client', 'mira');
    // The passwords the bot's own hasher is asked to check.
    const { checked, whenChecked } = countChecks(h.bot.runtime.deps.hasher);

    const submit = (n: number, password: string) =>
      h.driver.submit('U0ATTACK', `V0BURST${n}`, LOGIN_FORM, { login: 'mira', password });
    const wrong = Array.from({ length: 7 }, (_, i) => submit(i, `guess-${i}`));
    // Sent once five guesses are being checked, while the others are still in flight.
    await Promise.race([whenChecked(5), Promise.all(wrong)]);
    const right = submit(7, RIGHT);
    const answers: SlackAnswer[] = await Promise.all([...wrong, right]);

    expect(checked.filter((p) => p !== RIGHT).length).toBeLessThanOrEqual(5);
    expect(checked).not.toContain(RIGHT);
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(answers.at(-1)!.json).toEqual({
      response_action: 'errors',
      errors: { login: expect.stringMatching(/^Too many failed sign-ins: the account is locked until /) },
    });
    for (const a of answers.slice(0, -1)) expect(a.json).toMatchObject({ response_action: 'errors' });
    expect(await h.bot.runtime.deps.store.identities.find('slack', TEAM, 'U0ATTACK')).toBeNull();
  });
});
